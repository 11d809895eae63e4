package io.cerebro.core.tune.sampler;

import io.cerebro.core.tune.StudySpec;
import io.cerebro.core.tune.journal.Trial;
import io.cerebro.core.tune.space.Parameter;
import io.cerebro.core.tune.space.ParameterSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full grid (each parameter's values, steps or grid_points), in row-major order with the last
 * parameter fastest. Trials past the grid refine around the best trial: refinement round r tries,
 * for every numeric parameter, the best value and the values half a spacing / 2^(r-1) either side
 * (3^k - 1 new points for k numeric parameters, categoricals held at the best), so the grid narrows
 * onto the best cell round after round.
 */
public final class GridSampler implements Sampler {
    private final ParameterSpace space;
    private final List<StudySpec.Direction> directions;
    private final List<List<Object>> axes = new ArrayList<>();
    private final long size;
    private final List<Integer> numeric = new ArrayList<>();

    public GridSampler(ParameterSpace space, List<StudySpec.Direction> directions) {
        this.space = space;
        this.directions = directions;
        long s = 1;
        for (int j = 0; j < space.dimension(); j++) {
            Parameter p = space.parameters().get(j);
            axes.add(p.gridValues());
            s = Math.multiplyExact(s, Math.max(1, axes.get(j).size()));
            if (!p.discreteChoices()) {
                numeric.add(j);
            }
        }
        size = s;
    }

    /** @return the number of grid points before refinement. */
    public long size() {
        return size;
    }

    @Override
    public Map<String, Object> suggest(int number, List<Trial> finished) {
        if (number < size) {
            Map<String, Object> values = new LinkedHashMap<>();
            long rest = number;
            for (int j = space.dimension() - 1; j >= 0; j--) {
                List<Object> axis = axes.get(j);
                values.put(space.parameters().get(j).name(), axis.get((int) (rest % axis.size())));
                rest /= axis.size();
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (Parameter p : space.parameters()) {
                ordered.put(p.name(), values.get(p.name()));
            }
            return space.active(ordered);
        }
        int k = numeric.size();
        if (k == 0) {
            return suggest((int) ((number - size) % size), finished);
        }
        long perRound = (long) Math.pow(3, k) - 1;
        long after = number - size;
        int round = (int) (after / perRound) + 1;
        int cell = (int) (after % perRound);
        // the best of the trials before this round began, so every trial of a round shares one centre
        long roundStart = size + (round - 1) * perRound;
        List<Trial> known = finished.stream().filter(t -> t.complete() && t.number() < roundStart).toList();
        if (known.isEmpty()) {
            return suggest((int) (number % size), finished);
        }
        double[] loss = Losses.of(known, directions);
        int best = 0;
        for (int i = 1; i < loss.length; i++) {
            if (loss[i] < loss[best]) {
                best = i;
            }
        }
        double[] centre = space.unitPoint(known.get(best).params());
        int code = cell >= (perRound / 2) ? cell + 1 : cell; // skip the centre itself, already evaluated
        double[] u = centre.clone();
        for (int idx : numeric) {
            Parameter p = space.parameters().get(idx);
            int digit = code % 3;
            code /= 3;
            double spacing = 1.0 / Math.max(1, axes.get(idx).size() - 1);
            double h = spacing / Math.pow(2, round);
            u[idx] = centre[idx] + (digit - 1) * h;
        }
        Map<String, Object> values = new LinkedHashMap<>(known.get(best).params());
        for (int idx : numeric) {
            values.put(space.parameters().get(idx).name(), space.parameters().get(idx).fromUnit(u[idx]));
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
            ordered.put(p.name(), values.containsKey(p.name()) ? values.get(p.name()) : p.fromUnit(0.5));
        }
        return space.active(ordered);
    }
}
