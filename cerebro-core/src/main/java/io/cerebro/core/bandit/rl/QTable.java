package io.cerebro.core.bandit.rl;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Action values Q(state, action) for {@code states} × {@code actions} discrete choices. Saved as JSON
 * {@code {"states":S,"actions":A,"values":[[...],...]}}.
 */
public final class QTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final double[][] values;

    public QTable(int states, int actions) {
        if (states < 1 || actions < 1) throw new IllegalArgumentException("a Q-table needs at least one state and one action");
        values = new double[states][actions];
    }

    @JsonCreator
    QTable(@JsonProperty("states") int states, @JsonProperty("actions") int actions,
           @JsonProperty("values") double[][] values) {
        if (values == null || values.length != states) throw new UserInputException("Q-table JSON: values must have one row per state (" + states + ")");
        for (double[] row : values) {
            if (row == null || row.length != actions) throw new UserInputException("Q-table JSON: every row of values must have " + actions + " actions");
        }
        this.values = new double[states][];
        for (int s = 0; s < states; s++) this.values[s] = row(values[s]);
    }

    private static double[] row(double[] r) { return r.clone(); }

    @JsonProperty("states") public int states() { return values.length; }

    @JsonProperty("actions") public int actions() { return values[0].length; }

    @JsonProperty("values") double[][] valuesForJson() { return values; }

    public double get(int state, int action) { return values[state][action]; }

    public void set(int state, int action, double value) { values[state][action] = value; }

    /** max over actions of Q(state, ·). */
    public double stateValue(int state) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values[state]) m = Math.max(m, v);
        return m;
    }

    /** The action with the highest value (lowest action number on ties). */
    public int greedyAction(int state) {
        int best = 0;
        for (int a = 1; a < values[state].length; a++) if (values[state][a] > values[state][best]) best = a;
        return best;
    }

    public void save(Path file) throws IOException { JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this); }

    public static QTable load(Path file) {
        try {
            return JSON.readValue(file.toFile(), QTable.class);
        } catch (IOException e) {
            throw new UserInputException("cannot read Q-table " + file + ": " + e.getMessage().lines().findFirst().orElse("") , e);
        }
    }
}
