package io.cerebro.core.family;

import io.cerebro.core.ab.AbFamily;
import io.cerebro.core.bandit.BanditFamily;
import io.cerebro.core.causal.CausalFamily;
import io.cerebro.core.error.UserInputException;
import io.cerebro.core.geo.GeoFamily;
import io.cerebro.core.mmm.MmmFamily;
import io.cerebro.core.power.PowerFamily;
import io.cerebro.core.uplift.UpliftFamily;
import io.cerebro.core.spec.ABTestSpec;
import io.cerebro.core.spec.AnalysisSpec;
import io.cerebro.core.spec.BanditSpec;
import io.cerebro.core.spec.CausalSpec;
import io.cerebro.core.spec.ExtensionSpec;
import io.cerebro.core.spec.GeoTestSpec;
import io.cerebro.core.spec.MMMSpec;
import io.cerebro.core.spec.PowerSpec;
import io.cerebro.core.spec.UpliftSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The registry of analysis families. Built-in families are found by an exhaustive switch over the
 * sealed {@link AnalysisSpec}, so a new spec record without a descriptor does not compile; families
 * of {@link ExtensionSpec} specs are registered at run time with {@link #register}.
 */
public final class Families {
    /** The built-in families, in the order commands and docs list them. */
    private static final List<AnalysisFamily<?>> BUILT_IN = List.of(AbFamily.INSTANCE, CausalFamily.INSTANCE, PowerFamily.INSTANCE,
            MmmFamily.INSTANCE, BanditFamily.INSTANCE, GeoFamily.INSTANCE, UpliftFamily.INSTANCE);

    private static final Map<String, AnalysisFamily<?>> REGISTERED = new ConcurrentHashMap<>();

    private Families() {
    }

    /** @return the descriptor of the spec's family. */
    public static AnalysisFamily<?> of(AnalysisSpec spec) {
        return switch (spec) {
            case ABTestSpec ab -> AbFamily.INSTANCE;
            case CausalSpec c -> CausalFamily.INSTANCE;
            case PowerSpec p -> PowerFamily.INSTANCE;
            case MMMSpec m -> MmmFamily.INSTANCE;
            case BanditSpec b -> BanditFamily.INSTANCE;
            case GeoTestSpec g -> GeoFamily.INSTANCE;
            case UpliftSpec u -> UpliftFamily.INSTANCE;
            case ExtensionSpec e -> {
                AnalysisFamily<?> f = REGISTERED.get(e.family());
                if (f == null) {
                    throw new UserInputException("no analysis family '" + e.family() + "' is registered; known: " + names());
                }
                yield f;
            }
        };
    }

    /** @return the family with this name, if there is one. */
    public static Optional<AnalysisFamily<?>> named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** @return every family: the built-in ones, then the registered ones. */
    public static List<AnalysisFamily<?>> all() {
        List<AnalysisFamily<?>> all = new ArrayList<>(BUILT_IN);
        REGISTERED.values().stream().sorted(java.util.Comparator.comparing(AnalysisFamily::name)).forEach(all::add);
        return all;
    }

    /** @return the family names, comma-separated, for messages. */
    public static String names() {
        return all().stream().map(AnalysisFamily::name).collect(Collectors.joining(", "));
    }

    /**
     * Registers a family whose specs implement {@link ExtensionSpec} (a plugin, or a family written in
     * a test). Registering the same name again replaces it.
     *
     * @throws IllegalArgumentException when the name is a built-in family's or the spec type is built in
     */
    public static void register(AnalysisFamily<?> family) {
        if (BUILT_IN.stream().anyMatch(f -> f.name().equals(family.name()))) {
            throw new IllegalArgumentException("family '" + family.name() + "' is built in");
        }
        if (!ExtensionSpec.class.isAssignableFrom(family.specType())) {
            throw new IllegalArgumentException("a registered family's spec must implement ExtensionSpec: " + family.specType());
        }
        REGISTERED.put(family.name(), family);
    }

    /** Removes a registered family (tests clean up with it). */
    public static void unregister(String name) {
        REGISTERED.remove(name);
    }

    /** @return the catalogue entry with this method id in any family, or null. */
    public static CatalogMethod method(String id) {
        for (AnalysisFamily<?> f : all()) {
            for (CatalogMethod m : f.methods()) {
                if (m.id().equals(id)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** @return the names of the {@code cerebro} commands whose families read a dataset. */
    public static java.util.Set<String> dataCommands() {
        return all().stream().filter(AnalysisFamily::readsData).map(AnalysisFamily::command)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
