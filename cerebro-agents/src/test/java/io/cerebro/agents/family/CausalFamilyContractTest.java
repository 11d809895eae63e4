package io.cerebro.agents.family;

import io.cerebro.agents.PipelineFamily;
import io.cerebro.agents.causal.CausalPipelineFamily;
import io.cerebro.core.spec.SpecReader;

import java.util.List;

/**
 * The causal family passes the family contract for every method with an offline template and
 * bundled data (front-door has no bundled dataset with a mediator; its template is checked in
 * {@code CausalPipelineTest} on simulated data).
 */
class CausalFamilyContractTest extends FamilyContractTest {
    private static final String LALONDE_COVS = "[age, educ, black, hispan, married, nodegree, re74, re75]";

    @Override
    protected PipelineFamily<?> family() {
        return CausalPipelineFamily.INSTANCE;
    }

    private static FamilyCase c(String name, String yaml, String file, String filter) {
        return new FamilyCase(name, SpecReader.parse("family: causal\n" + yaml, false, name), resource(file, io.cerebro.core.testing.SharedFixtures.CAUSAL, io.cerebro.core.testing.SharedFixtures.QUASI, "causal", ""), filter);
    }

    @Override
    protected List<FamilyCase> cases() {
        String lalonde = "lalonde_nsw_psid_observational.csv";
        return List.of(
                c("regression", "method: regression\ntreatment: treat\noutcome: re78\nconfounders: " + LALONDE_COVS + "\n", lalonde, "age < 40"),
                c("psm", "method: psm\ntreatment: treat\noutcome: re78\nestimand: att\nconfounders: " + LALONDE_COVS + "\n", lalonde, null),
                c("mahalanobis", "method: mahalanobis\ntreatment: treat\noutcome: re78\nestimand: att\nconfounders: [age, educ, re74, re75]\n",
                        lalonde, null),
                c("ipw", "method: ipw\ntreatment: treat\noutcome: re78\nconfounders: " + LALONDE_COVS + "\nseed: 7\n", lalonde, null),
                c("aipw", "method: aipw\ntreatment: treat\noutcome: re78\nconfounders: " + LALONDE_COVS + "\n", lalonde, "educ >= 8"),
                c("did 2x2", "method: did\noutcome: fte\npanel: {unit: store, time: post, treated_group: nj, post: post}\n",
                        "card_krueger_long.csv", null),
                c("did twfe", "method: did\noutcome: y\npanel: {unit: unit, time: year, first_treated: first}\n", "twfe_panel.csv", null),
                c("event study", "method: event_study\noutcome: y\npanel: {unit: unit, time: year, first_treated: first}\n",
                        "twfe_panel.csv", null),
                c("staggered did", "method: staggered_did\noutcome: y\npanel: {unit: unit, time: year, first_treated: first}\n",
                        "twfe_panel.csv", null),
                c("rdd", "method: rdd\noutcome: vote\nrdd: {running: margin}\ndrop_missing: true\n", "rdrobust_senate.csv", "year >= 1950"),
                c("iv", "method: iv\ntreatment: educ\noutcome: lwage\niv: {instruments: [nearc4], controls: [exper, expersq, black, south, smsa]}\n",
                        "wooldridge_card1995.csv", null),
                c("synth", "method: synth\noutcome: cigsale\nsynth: {unit: state, time: year, treated_unit: California, treatment_start: 1989}\n",
                        "smoking_prop99.csv", null));
    }

    @Override
    protected List<String> badSpecs() {
        return List.of(
                "family: causal\nmethod: psm\noutcome: re78\n",
                "family: causal\nmethod: teleport\ntreatment: t\noutcome: y\n",
                "family: causal\ntreatment: t\noutcome: y\nalpha: 2\n",
                "family: causal\ntreatment: t\noutcome: y\nestimand: everyone\n",
                "family: causal\ntreatment: t\noutcome: y\nconfounder: [a]\n");
    }
}
