package io.cerebro.agents.validate;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The safety policy a program must pass before it is compiled. It is a deny list over the syntax
 * tree, applied to imports, type names (simple and fully qualified), static scopes and method
 * names:
 * <ul>
 *   <li>no network: {@code java.net}, {@code java.net.http}, {@code javax.net}, channels, RMI, JNDI, JDBC;</li>
 *   <li>no process spawning: {@code ProcessBuilder}, {@code Process}, {@code ProcessHandle}, {@code Runtime};</li>
 *   <li>no reflection or class loading: {@code java.lang.reflect}, {@code java.lang.invoke},
 *       {@code Class.forName}, class loaders, {@code setAccessible}, scripting and compiler APIs;</li>
 *   <li>no native access: {@code native} methods, {@code System.load/loadLibrary}, the Foreign Function
 *       and Memory API, {@code sun.*}/{@code jdk.*} internals;</li>
 *   <li>no {@code System.exit}/{@code halt}, no {@code System.getenv}/{@code getProperties}/{@code setProperty},
 *       no redirection of {@code System.out}/{@code err}/{@code in};</li>
 *   <li>no file writes at all — simpler and stricter than "only under the scratch folder": no
 *       {@code FileOutputStream}, {@code FileWriter}, {@code RandomAccessFile}, {@code FileChannel},
 *       {@code CSVPrinter}, no writing {@code Files} methods, no {@code File.delete/mkdir/renameTo},
 *       and print streams, writers and Jackson output only to {@code System.out}/{@code System.err}.</li>
 * </ul>
 * Unicode escapes are decoded before the check (as javac does), so they cannot hide a name. The
 * sandboxed run (empty environment, scratch working directory, time and heap caps) is the second
 * line of defence.
 */
public final class SafetyPolicy {
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "java.net", "javax.net", "java.nio.channels", "java.rmi", "javax.rmi", "javax.naming", "java.sql", "javax.sql",
            "java.lang.reflect", "java.lang.invoke", "java.lang.foreign", "java.lang.instrument", "java.lang.management",
            "javax.management", "javax.script", "javax.tools", "javax.lang.model", "jdk.", "sun.", "com.sun.",
            "java.awt", "javax.swing", "java.util.logging.FileHandler", "java.util.zip.ZipOutputStream",
            "java.util.jar.JarOutputStream");

    private static final Set<String> FORBIDDEN_TYPES = Set.of(
            // network
            "Socket", "ServerSocket", "DatagramSocket", "MulticastSocket", "SocketChannel", "ServerSocketChannel",
            "DatagramChannel", "URL", "URLConnection", "HttpURLConnection", "HttpsURLConnection", "HttpClient",
            "InetAddress", "InetSocketAddress", "AsynchronousSocketChannel",
            // processes
            "ProcessBuilder", "Process", "ProcessHandle", "Runtime",
            // reflection, class loading, code evaluation
            "ClassLoader", "URLClassLoader", "SecureClassLoader", "MethodHandles", "MethodHandle", "VarHandle",
            "Proxy", "Unsafe", "ScriptEngineManager", "ScriptEngine", "ToolProvider", "JavaCompiler", "Instrumentation",
            "ServiceLoader", "ModuleLayer",
            // native access
            "Linker", "SymbolLookup", "Arena", "MemorySegment", "FunctionDescriptor",
            // file writes
            "FileOutputStream", "FileWriter", "RandomAccessFile", "FileChannel", "AsynchronousFileChannel", "CSVPrinter",
            "FileHandler", "ZipOutputStream", "JarOutputStream", "FileSystems", "FileSystemProvider",
            // threads: analysis code runs on the main thread (the sandbox caps threads from outside as well)
            "Thread", "ThreadGroup", "ThreadFactory", "Executors", "ExecutorService", "ScheduledExecutorService",
            "ThreadPoolExecutor", "ScheduledThreadPoolExecutor", "ForkJoinPool", "ForkJoinTask", "RecursiveTask",
            "RecursiveAction", "Timer", "StructuredTaskScope");

    /** Types whose use starts threads. */
    private static final Set<String> THREAD_TYPES = Set.of("Thread", "ThreadGroup", "ThreadFactory", "Executors", "ExecutorService",
            "ScheduledExecutorService", "ThreadPoolExecutor", "ScheduledThreadPoolExecutor", "ForkJoinPool", "ForkJoinTask",
            "RecursiveTask", "RecursiveAction", "Timer", "StructuredTaskScope");

    /** Methods that run work on other threads: parallel streams and CompletableFuture's *Async family. */
    private static final Set<String> THREAD_METHODS = Set.of("parallelStream", "parallel", "startVirtualThread", "ofVirtual", "ofPlatform");

    private static final Set<String> FORBIDDEN_METHODS = Set.of(
            "exit", "halt", "getenv", "getProperties", "setProperty", "clearProperty", "setProperties", "setOut", "setErr",
            "setIn", "loadLibrary", "mapLibraryName", "exec", "forName", "getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getDeclaredConstructors", "getMethod",
            "getMethods", "getField", "getFields", "getConstructor", "getConstructors", "setAccessible", "trySetAccessible",
            "newInstance", "loadClass", "defineClass", "getClassLoader", "getSystemClassLoader", "getContextClassLoader",
            "setContextClassLoader", "setSecurityManager", "deleteOnExit", "renameTo", "mkdir", "mkdirs", "createNewFile",
            "setWritable", "setReadable", "setExecutable", "setLastModified", "setReadOnly", "createTempFile",
            "privateLookupIn", "inheritIO");

    /** Method names too common to forbid everywhere: forbidden on these JDK scopes only. */
    private static final Set<String> SCOPED_METHODS = Set.of("load", "lookup", "publicLookup");
    private static final Set<String> SENSITIVE_SCOPES = Set.of("System", "java.lang.System", "Runtime.getRuntime()",
            "MethodHandles", "java.lang.invoke.MethodHandles");

    /** {@code java.nio.file.Files} methods that write, move or delete. */
    private static final Set<String> FILES_WRITES = Set.of(
            "write", "writeString", "newOutputStream", "newBufferedWriter", "newByteChannel", "copy", "move", "delete",
            "deleteIfExists", "createFile", "createDirectory", "createDirectories", "createTempFile", "createTempDirectory",
            "createLink", "createSymbolicLink", "setAttribute", "setPosixFilePermissions", "setLastModifiedTime", "setOwner");

    /** Constructors and methods whose target must be System.out or System.err. */
    private static final Set<String> STDOUT_ONLY_TYPES = Set.of("PrintStream", "PrintWriter", "Formatter", "OutputStreamWriter");
    private static final Set<String> STDOUT_ONLY_METHODS = Set.of("writeValue", "createGenerator", "writeTree");

    private SafetyPolicy() {
    }

    /** @return every violation found, one line each naming the construct, its line and the rule; empty when the program is acceptable. */
    public static List<String> check(CompilationUnit cu) {
        Set<String> out = new LinkedHashSet<>();
        for (ImportDeclaration imp : cu.getImports()) {
            String name = imp.getNameAsString();
            String pkg = forbiddenPackage(name);
            if (pkg != null) {
                out.add(at(imp) + "import " + name + (imp.isAsterisk() ? ".*" : "") + ": " + rule(pkg));
            } else if (imp.isStatic() && (FORBIDDEN_METHODS.contains(last(name)) || SCOPED_METHODS.contains(last(name)))) {
                out.add(at(imp) + "import static " + name + ": " + ruleForMethod(last(name)));
            } else if (imp.isStatic() && imp.isAsterisk() && (name.equals("java.lang.System") || name.equals("java.lang.Runtime"))) {
                out.add(at(imp) + "import static " + name + ".*: static imports of System/Runtime members are not allowed");
            } else if (!imp.isAsterisk() && FORBIDDEN_TYPES.contains(last(name))) {
                out.add(at(imp) + "import " + name + ": " + ruleForType(last(name)));
            }
        }
        cu.findAll(ClassOrInterfaceType.class).forEach(t -> {
            String full = t.asString().replaceAll("<.*", "");
            String pkg = forbiddenPackage(full);
            if (pkg != null) {
                out.add(at(t) + "type " + full + ": " + rule(pkg));
            } else if (FORBIDDEN_TYPES.contains(t.getNameAsString())) {
                out.add(at(t) + "type " + t.getNameAsString() + ": " + ruleForType(t.getNameAsString()));
            }
        });
        cu.findAll(NameExpr.class).forEach(n -> {
            if (FORBIDDEN_TYPES.contains(n.getNameAsString())) {
                out.add(at(n) + n.getNameAsString() + ": " + ruleForType(n.getNameAsString()));
            }
        });
        cu.findAll(FieldAccessExpr.class).forEach(f -> {
            String text = f.toString();
            String pkg = forbiddenPackage(text);
            if (pkg != null && !(f.getParentNode().orElse(null) instanceof FieldAccessExpr)) {
                out.add(at(f) + text + ": " + rule(pkg));
            } else if (FORBIDDEN_TYPES.contains(f.getNameAsString()) && text.startsWith("java")) {
                out.add(at(f) + text + ": " + ruleForType(f.getNameAsString()));
            }
        });
        cu.findAll(MethodCallExpr.class).forEach(c -> checkCall(c, out));
        cu.findAll(ObjectCreationExpr.class).forEach(o -> {
            String type = o.getType().getNameAsString();
            if (STDOUT_ONLY_TYPES.contains(type) && !targetsStdStream(o.getArguments().isEmpty() ? null : o.getArgument(0))) {
                out.add(at(o) + "new " + type + "(...): output streams may only wrap System.out or System.err (no file writes)");
            }
        });
        cu.findAll(MethodDeclaration.class).forEach(m -> {
            if (m.hasModifier(Modifier.Keyword.NATIVE)) {
                out.add(at(m) + "native method " + m.getNameAsString() + ": native code is not allowed");
            }
        });
        return new ArrayList<>(out);
    }

    private static void checkCall(MethodCallExpr c, Set<String> out) {
        String name = c.getNameAsString();
        String scope = c.getScope().map(Expression::toString).orElse("");
        if (FORBIDDEN_METHODS.contains(name) || (SCOPED_METHODS.contains(name) && SENSITIVE_SCOPES.contains(scope))) {
            out.add(at(c) + (scope.isEmpty() ? "" : scope + ".") + name + "(...): " + ruleForMethod(name));
        } else if (THREAD_METHODS.contains(name) || (name.endsWith("Async") && name.length() > "Async".length())) {
            out.add(at(c) + (scope.isEmpty() ? "" : scope + ".") + name + "(...): " + THREAD_RULE);
        } else if (name.equals("delete") && c.getArguments().isEmpty()) {
            out.add(at(c) + scope + ".delete(): deleting files is not allowed");
        } else if ((scope.equals("Files") || scope.equals("java.nio.file.Files")) && FILES_WRITES.contains(name)) {
            out.add(at(c) + "Files." + name + "(...): pipelines may not write, move or delete files; print the result to System.out");
        } else if (STDOUT_ONLY_METHODS.contains(name) && !targetsStdStream(c.getArguments().isEmpty() ? null : c.getArgument(0))) {
            out.add(at(c) + name + "(...): JSON output may only go to System.out (no file writes)");
        }
    }

    private static boolean targetsStdStream(Expression first) {
        if (first == null) {
            return false;
        }
        String t = first.toString();
        return t.startsWith("System.out") || t.startsWith("System.err")
                || t.matches("new (OutputStreamWriter|BufferedWriter|PrintStream|BufferedOutputStream)\\(\\s*(new OutputStreamWriter\\(\\s*)?System\\.(out|err).*");
    }

    private static String forbiddenPackage(String qualified) {
        for (String p : FORBIDDEN_PACKAGES) {
            String bare = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
            if (qualified.equals(bare) || qualified.startsWith(bare + ".")) {
                return p;
            }
        }
        return null;
    }

    private static String last(String qualified) {
        int i = qualified.lastIndexOf('.');
        return i < 0 ? qualified : qualified.substring(i + 1);
    }

    private static String at(Node n) {
        return n.getBegin().map(p -> "line " + p.line + ": ").orElse("");
    }

    private static String rule(String pkg) {
        return switch (pkg) {
            case "java.net", "javax.net", "java.nio.channels", "java.rmi", "javax.rmi", "javax.naming", "java.sql", "javax.sql" ->
                    "network and database access are not allowed (package " + pkg + ")";
            case "java.lang.reflect", "java.lang.invoke", "java.lang.instrument", "javax.script", "javax.tools", "javax.lang.model" ->
                    "reflection, class loading and code evaluation are not allowed (package " + pkg + ")";
            case "java.lang.foreign" -> "native access is not allowed (Foreign Function and Memory API)";
            case "java.util.logging.FileHandler", "java.util.zip.ZipOutputStream", "java.util.jar.JarOutputStream" ->
                    "file writes are not allowed";
            default -> "package " + pkg + " is not on the pipeline allow list (JDK core, commons-math3, commons-csv, jackson)";
        };
    }

    private static final String THREAD_RULE = "starting threads is not allowed (threads, executors, parallel streams, "
            + "CompletableFuture.*Async, ForkJoinPool): compute on the main thread; analysis code never needs more";

    private static String ruleForType(String type) {
        if (THREAD_TYPES.contains(type)) {
            return THREAD_RULE;
        }
        return switch (type) {
            case "ProcessBuilder", "Process", "ProcessHandle", "Runtime" -> "spawning processes is not allowed";
            case "Linker", "SymbolLookup", "Arena", "MemorySegment", "FunctionDescriptor" -> "native access is not allowed";
            case "FileOutputStream", "FileWriter", "RandomAccessFile", "FileChannel", "AsynchronousFileChannel", "CSVPrinter",
                 "FileHandler", "ZipOutputStream", "JarOutputStream", "FileSystems", "FileSystemProvider" ->
                    "file writes are not allowed; print the result to System.out";
            case "ClassLoader", "URLClassLoader", "SecureClassLoader", "MethodHandles", "MethodHandle", "VarHandle", "Proxy",
                 "Unsafe", "ScriptEngineManager", "ScriptEngine", "ToolProvider", "JavaCompiler", "Instrumentation",
                 "ServiceLoader", "ModuleLayer" -> "reflection, class loading and code evaluation are not allowed";
            default -> "network access is not allowed";
        };
    }

    private static String ruleForMethod(String m) {
        return switch (m) {
            case "exit", "halt" -> "pipelines may not terminate the JVM; return from main or throw an exception";
            case "getenv", "getProperties", "setProperty", "clearProperty", "setProperties" ->
                    "pipelines may not read environment variables or system properties (no secrets); take inputs from args";
            case "setOut", "setErr", "setIn" -> "redirecting the standard streams is not allowed";
            case "load", "loadLibrary", "mapLibraryName" -> "native access is not allowed";
            case "exec", "inheritIO" -> "spawning processes is not allowed";
            case "deleteOnExit", "renameTo", "mkdir", "mkdirs", "createNewFile", "setWritable", "setReadable", "setExecutable",
                 "setLastModified", "setReadOnly", "createTempFile" -> "file writes are not allowed";
            default -> "reflection and class loading are not allowed";
        };
    }
}
