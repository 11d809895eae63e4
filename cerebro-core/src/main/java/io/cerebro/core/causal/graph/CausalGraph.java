package io.cerebro.core.causal.graph;

import io.cerebro.core.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directed acyclic graph over named variables.
 *
 * <p>Text form: statements separated by {@code ;} or new lines, each a chain of nodes joined by
 * {@code ->} ({@code "age -> treat -> re78; age -> re78"}). {@code a <-> b} declares an unobserved
 * common cause of a and b (a latent node {@code U[a,b]}). A DOT file ({@code digraph { ... }}) is read
 * the same way; node attributes in brackets are ignored except {@code [latent]}, which marks a node as
 * unobserved. Latent nodes need not be columns of the data; every other node must be.
 */
public final class CausalGraph {
    private static final Pattern NODE = Pattern.compile("\\s*\"?([A-Za-z0-9_.\\[\\],]+)\"?\\s*");
    private final Map<String, Set<String>> children = new LinkedHashMap<>();
    private final Map<String, Set<String>> parents = new LinkedHashMap<>();
    private final Set<String> latent = new LinkedHashSet<>();

    private CausalGraph() {
    }

    /**
     * Parses a graph given inline or as the path of a DOT / text file.
     *
     * @throws UserInputException when it does not parse or has a cycle
     */
    public static CausalGraph parse(String graphOrPath) {
        String text = graphOrPath.trim();
        if (!text.contains("->") && !text.contains("<->")) {
            Path p = Path.of(text);
            if (!Files.exists(p)) {
                throw new UserInputException("--graph '" + text + "' is neither a graph like \"a -> b; b -> c\" nor an existing file");
            }
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new UserInputException("cannot read graph file " + p + ": " + e.getMessage());
            }
        }
        CausalGraph g = new CausalGraph();
        String body = text;
        int brace = body.indexOf('{');
        if (brace >= 0) {
            int end = body.lastIndexOf('}');
            body = body.substring(brace + 1, end > brace ? end : body.length());
        }
        body = body.replaceAll("//[^\n]*", "").replaceAll("#[^\n]*", "");
        for (String stmt : body.split("[;\n]")) {
            String s = stmt.trim();
            if (s.isEmpty() || s.startsWith("graph ") || s.startsWith("node ") || s.startsWith("edge ") || s.startsWith("rankdir")) {
                continue;
            }
            boolean isLatent = s.matches(".*\\[[^]]*latent[^]]*].*");
            s = s.replaceAll("\\[[^]]*]", "").trim();
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains("<->")) {
                String[] ab = s.split("<->");
                if (ab.length != 2) {
                    throw new UserInputException("cannot parse graph statement '" + stmt.trim() + "'; write it as a <-> b");
                }
                String a = node(ab[0], stmt);
                String b = node(ab[1], stmt);
                String u = "U[" + a + "," + b + "]";
                g.latent.add(u);
                g.edge(u, a);
                g.edge(u, b);
                continue;
            }
            String[] chain = s.split("->");
            if (chain.length == 1) {
                String a = node(chain[0], stmt);
                g.add(a);
                if (isLatent) {
                    g.latent.add(a);
                }
                continue;
            }
            for (int i = 0; i + 1 < chain.length; i++) {
                g.edge(node(chain[i], stmt), node(chain[i + 1], stmt));
            }
        }
        if (g.children.isEmpty()) {
            throw new UserInputException("the graph has no nodes; write it as \"a -> b; b -> c\"");
        }
        List<String> cycle = g.findCycle();
        if (cycle != null) {
            throw new UserInputException("the graph is not a DAG: it has the cycle " + String.join(" -> ", cycle)
                    + "; remove one of these edges");
        }
        return g;
    }

    private static String node(String raw, String stmt) {
        Matcher m = NODE.matcher(raw);
        if (!m.matches()) {
            throw new UserInputException("cannot parse node '" + raw.trim() + "' in graph statement '" + stmt.trim()
                    + "'; node names are letters, digits, '_' and '.'");
        }
        return m.group(1);
    }

    private void add(String a) {
        children.computeIfAbsent(a, k -> new LinkedHashSet<>());
        parents.computeIfAbsent(a, k -> new LinkedHashSet<>());
    }

    private void edge(String a, String b) {
        if (a.equals(b)) {
            throw new UserInputException("the graph is not a DAG: " + a + " -> " + a + " is a self-loop; remove it");
        }
        add(a);
        add(b);
        children.get(a).add(b);
        parents.get(b).add(a);
    }

    private List<String> findCycle() {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String start : children.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            List<String> c = dfs(start, state, path);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private List<String> dfs(String v, Map<String, Integer> state, Deque<String> path) {
        state.put(v, 1);
        path.addLast(v);
        for (String w : children.get(v)) {
            Integer s = state.get(w);
            if (s == null) {
                List<String> c = dfs(w, state, path);
                if (c != null) {
                    return c;
                }
            } else if (s == 1) {
                List<String> cyc = new ArrayList<>();
                boolean on = false;
                for (String p : path) {
                    on |= p.equals(w);
                    if (on) {
                        cyc.add(p);
                    }
                }
                cyc.add(w);
                return cyc;
            }
        }
        path.removeLast();
        state.put(v, 2);
        return null;
    }

    /** @return every node, in order of first mention. */
    public Set<String> nodes() {
        return children.keySet();
    }

    /** @return nodes that are observed (not latent). */
    public Set<String> observed() {
        Set<String> s = new LinkedHashSet<>(children.keySet());
        s.removeAll(latent);
        return s;
    }

    /** @return whether the graph mentions this node. */
    public boolean contains(String v) {
        return children.containsKey(v);
    }

    /** @return the node's children. */
    public Set<String> children(String v) {
        return children.getOrDefault(v, Set.of());
    }

    /** @return the node's parents. */
    public Set<String> parents(String v) {
        return parents.getOrDefault(v, Set.of());
    }

    /** @return the node and everything reachable from it along directed edges. */
    public Set<String> descendants(String v) {
        return reach(List.of(v), children);
    }

    /** @return the nodes and all their ancestors. */
    public Set<String> ancestors(Collection<String> vs) {
        return reach(vs, parents);
    }

    private static Set<String> reach(Collection<String> start, Map<String, Set<String>> next) {
        Set<String> seen = new LinkedHashSet<>(start);
        Deque<String> q = new ArrayDeque<>(start);
        while (!q.isEmpty()) {
            for (String w : next.getOrDefault(q.poll(), Set.of())) {
                if (seen.add(w)) {
                    q.add(w);
                }
            }
        }
        return seen;
    }

    /** @return a copy without the edges leaving the given nodes. */
    public CausalGraph withoutOutgoing(Collection<String> from) {
        CausalGraph g = copy();
        for (String v : from) {
            for (String c : new ArrayList<>(g.children.getOrDefault(v, Set.of()))) {
                g.children.get(v).remove(c);
                g.parents.get(c).remove(v);
            }
        }
        return g;
    }

    private CausalGraph copy() {
        CausalGraph g = new CausalGraph();
        children.forEach((k, v) -> g.children.put(k, new LinkedHashSet<>(v)));
        parents.forEach((k, v) -> g.parents.put(k, new LinkedHashSet<>(v)));
        g.latent.addAll(latent);
        return g;
    }

    /**
     * Whether x and y are d-separated given z, by the moral graph of the ancestral set of x, y and z
     * (Lauritzen et al. 1990).
     */
    public boolean dSeparated(Collection<String> x, Collection<String> y, Collection<String> z) {
        Set<String> all = new LinkedHashSet<>(x);
        all.addAll(y);
        all.addAll(z);
        Set<String> anc = ancestors(all);
        Map<String, Set<String>> moral = new LinkedHashMap<>();
        for (String v : anc) {
            moral.computeIfAbsent(v, k -> new LinkedHashSet<>());
            List<String> ps = new ArrayList<>();
            for (String p : parents(v)) {
                if (anc.contains(p)) {
                    ps.add(p);
                    moral.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(v);
                    moral.get(v).add(p);
                }
            }
            for (int i = 0; i < ps.size(); i++) {
                for (int j = i + 1; j < ps.size(); j++) {
                    moral.get(ps.get(i)).add(ps.get(j));
                    moral.get(ps.get(j)).add(ps.get(i));
                }
            }
        }
        Set<String> zs = new LinkedHashSet<>(z);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> q = new ArrayDeque<>();
        for (String v : x) {
            if (!zs.contains(v)) {
                seen.add(v);
                q.add(v);
            }
        }
        while (!q.isEmpty()) {
            String v = q.poll();
            if (y.contains(v)) {
                return false;
            }
            for (String w : moral.getOrDefault(v, Set.of())) {
                if (!zs.contains(w) && seen.add(w)) {
                    q.add(w);
                }
            }
        }
        return true;
    }
}
