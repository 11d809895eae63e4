package io.cerebro.core.pushdown;

import io.cerebro.core.error.UserInputException;

/**
 * The rows to analyse in the engine: a table (or view) or a query, and an optional filter.
 *
 * @param table a table name, possibly qualified ({@code schema.events}); null when {@code query} is given
 * @param query a SELECT whose result is analysed; null when {@code table} is given
 * @param where an SQL condition in the engine's dialect, or null
 */
public record SqlRelation(String table, String query, String where) {
    public SqlRelation {
        if ((table == null) == (query == null)) {
            throw new UserInputException("give either --table NAME or --query \"SELECT ...\" with --source, not "
                    + (table == null ? "neither" : "both"));
        }
        if (query != null && query.strip().endsWith(";")) {
            query = query.strip().substring(0, query.strip().length() - 1);
        }
    }

    /** @return a table relation. */
    public static SqlRelation table(String name) {
        return new SqlRelation(name, null, null);
    }

    /** @return a query relation. */
    public static SqlRelation query(String sql) {
        return new SqlRelation(null, sql, null);
    }

    /** @return this relation filtered by {@code condition} (null: unchanged). */
    public SqlRelation where(String condition) {
        return new SqlRelation(table, query, condition);
    }

    /** @return a FROM item: the quoted table or the query as a subquery, filtered when a condition was given. */
    String from(SqlDialect d) {
        String base = table != null ? d.table(table) : "(" + query + ") cerebro_q";
        return where == null ? base : "(SELECT * FROM " + base + " WHERE " + where + ") cerebro_w";
    }

    /** @return the relation in words, for provenance. */
    String describe() {
        String s = table != null ? "table " + table : "query " + query;
        return where == null ? s : s + " where " + where;
    }
}
