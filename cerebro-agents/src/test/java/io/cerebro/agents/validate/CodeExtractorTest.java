package io.cerebro.agents.validate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeExtractorTest {
    static final String CODE = "public class Pipeline {\n    public static void main(String[] args) {\n    }\n}\n";

    @Test
    void fencedJavaBlock() {
        assertEquals(CODE, CodeExtractor.extract("Here is the program:\n```java\n" + CODE + "```\nIt prints JSON."));
    }

    @Test
    void unlabelledFenceAndTildes() {
        assertEquals(CODE, CodeExtractor.extract("```\n" + CODE + "```"));
        assertEquals(CODE, CodeExtractor.extract("~~~java\n" + CODE + "~~~"));
    }

    @Test
    void prefersTheBlockWithMain() {
        String answer = "First a helper:\n```java\nclass Helper { int x; int y; int z; int w; int v; int u; }\n```\nThen:\n```java\n"
                + CODE + "```\n```bash\njava Pipeline.java data.csv\n```";
        assertEquals(CODE, CodeExtractor.extract(answer));
    }

    @Test
    void bareCodeSurroundedByProse() {
        String out = CodeExtractor.extract("Sure! Below is the code.\n\nimport java.util.List;\n" + CODE + "\nHope this helps.");
        assertTrue(out.startsWith("import java.util.List;"));
        assertTrue(out.strip().endsWith("}"));
        assertFalse(out.contains("Hope"));
    }

    @Test
    void unterminatedFence() {
        assertTrue(CodeExtractor.extract("```java\n" + CODE).contains("public class Pipeline"));
    }
}
