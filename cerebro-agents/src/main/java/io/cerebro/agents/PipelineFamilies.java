package io.cerebro.agents;

import io.cerebro.agents.ab.AbPipelineFamily;
import io.cerebro.agents.bandit.BanditPipelineFamily;
import io.cerebro.agents.causal.CausalPipelineFamily;
import io.cerebro.agents.geo.GeoPipelineFamily;
import io.cerebro.agents.mmm.MmmPipelineFamily;
import io.cerebro.agents.power.PowerPipelineFamily;
import io.cerebro.agents.uplift.UpliftPipelineFamily;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.family.Families;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.BanditSpec;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.ExtensionSpec;
import io.cerebro.core.spec.GeoTestSpec;
import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.PowerSpec;
import io.cerebro.core.spec.UpliftSpec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline side of the family registry: an exhaustive switch over the sealed spec type for the
 * built-in families, and {@link #register} for families of {@link ExtensionSpec} specs, which also
 * registers their core descriptor with {@link Families} — one line per new family.
 */
public final class PipelineFamilies {
    private static final Map<String, PipelineFamily<?>> REGISTERED = new ConcurrentHashMap<>();

    private PipelineFamilies() {
    }

    /** @return the pipeline parts of the spec's family. */
    public static PipelineFamily<?> of(AnalysisSpec spec) {
        return switch (spec) {
            case ABTestSpec ab -> AbPipelineFamily.INSTANCE;
            case CausalSpec c -> CausalPipelineFamily.INSTANCE;
            case PowerSpec p -> PowerPipelineFamily.INSTANCE;
            case MMMSpec m -> MmmPipelineFamily.INSTANCE;
            case BanditSpec b -> BanditPipelineFamily.INSTANCE;
            case GeoTestSpec g -> GeoPipelineFamily.INSTANCE;
            case UpliftSpec u -> UpliftPipelineFamily.INSTANCE;
            case ExtensionSpec e -> {
                PipelineFamily<?> f = REGISTERED.get(e.family());
                if (f == null) {
                    throw new UserInputException("family '" + e.family() + "' cannot generate pipelines: no pipeline family is registered for it");
                }
                yield f;
            }
        };
    }

    /** Registers a run-time family's pipeline parts and its core descriptor (see {@link Families#register}). */
    public static void register(PipelineFamily<?> family) {
        Families.register(family.analysis());
        REGISTERED.put(family.name(), family);
    }

    /** Removes a run-time family from both registries. */
    public static void unregister(String name) {
        REGISTERED.remove(name);
        Families.unregister(name);
    }
}
