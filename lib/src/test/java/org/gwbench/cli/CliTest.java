package org.gwbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI contract: one JSON object on success; one line on stderr and exit 2 on bad input. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @BeforeEach
    void files() throws IOException {
        file("a.csv", "0.3\n0.4\n0.1\n0.1\n0.1\n");
        file("b.csv", "0.4,0.5,0.1\n");
        file("M.csv", ".1,.2,.3\n.2,.3,.4\n.4,.3,.2\n.3,.2,.1\n.5,.5,.4\n");
        file("C1.csv", "0,1,2\n1,0,1\n2,1,0\n");
        file("C2.csv", "0,1,1\n1,0,1\n1,1,0\n");
    }

    String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void helpListsTheFlagsOnStdoutAndExitsZero() {
        Run r = run("solve", "gw-barycenter", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--method, --out, --seed, --size, --structures"), r.out());
        assertEquals("", r.err());
        Run unknown = run("solve", "gw", "--bogus", "1");
        assertTrue(unknown.err().contains("(known: --c1, --c2, --loss, --low-rank, --max-iter, --p, --plan-out, --q, --tol)"),
                "flags listed in a fixed order: " + unknown.err());
    }

    /** entropic-fgw and bapg-gw: POT's values on its fixtures; an infeasible BAPG limit is exit 2 with the reason. */
    @Test
    void entropicFusedAndBapgFollowTheContract() throws IOException {
        Path pot = Path.of("src/test/resources/pot");
        Path e = pot.resolve("efgw_alpha3");
        // the fixture's instance, whose BAPG limit is off the marginals (POT's plan is as far off)
        Run plain = run("solve", "bapg-gw", "--c1", e.resolve("C1.csv").toString(), "--c2", e.resolve("C2.csv").toString(),
                "--p", e.resolve("p.csv").toString(), "--q", e.resolve("q.csv").toString(), "--epsilon", "0.1");
        assertEquals(2, plain.code(), plain.err());
        assertTrue(plain.out().contains("\"status\": \"infeasible\""), plain.out());
        assertTrue(plain.err().contains("off its marginals") && plain.err().contains("--epsilon"), plain.err());
        String f1 = file("F1.csv", "0\n1\n2\n");
        String f2 = file("F2.csv", "0\n1\n1.5\n");
        Run fgw = run("solve", "entropic-fgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--f1", f1, "--f2", f2, "--alpha", "0.5",
                "--epsilon", "0.1");
        assertEquals(0, fgw.code(), fgw.err());
        assertTrue(fgw.out().contains("\"alpha\": 0.5") && fgw.out().contains("\"status\": \"converged\""), fgw.out());
        Run alone = run("solve", "entropic-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1");
        assertNotEquals(value(alone.out()), value(fgw.out()), "the feature term counts");
        assertBadInput(run("solve", "entropic-fgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1"), "--f1");
        assertBadInput(run("solve", "bapg-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1", "--marginal-loss", "yes"),
                "--marginal-loss must be true or false");
        assertBadInput(run("solve", "bapg-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "-1"), "--epsilon");
    }

    /** sinkhorn-unbalanced: POT's value on its fixture, masses that need not match, one line for bad flags. */
    @Test
    void unbalancedSinkhornFollowsTheContract() {
        Path d = Path.of("src/test/resources/pot/uot_kl_pair");
        Run r = run("solve", "sinkhorn-unbalanced", "--a", d.resolve("a.csv").toString(), "--b", d.resolve("b.csv").toString(),
                "--cost", d.resolve("M.csv").toString(), "--reg", "0.1", "--reg-m1", "0.3", "--reg-m2", "2", "--tol", "1e-15",
                "--max-iter", "100000");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.17348352770881664, value(r.out()), 1e-12, "POT's sinkhorn_unbalanced2 (uot_kl_pair/meta.json)");
        assertTrue(r.out().contains("\"mass\": ") && r.out().contains("\"objective\": "), r.out());
        assertBadInput(run("solve", "sinkhorn-unbalanced", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--reg-m", "-1"), "--reg-m must be a positive number or Infinity");
        assertBadInput(run("solve", "sinkhorn-unbalanced", "--a", p("a.csv"), "--b", p("a.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--reg-m", "1"), "--a has 5 and --b 5 entries; --cost is 5x3");
    }

    /** srgw: POT's iterations on its fixture (30, tol 0), the learned target weights in the JSON. */
    @Test
    void semiRelaxedFollowsTheContract() throws IOException {
        Path d = Path.of("src/test/resources/pot/esrgw_square_loss");
        Run r = run("solve", "srgw", "--c1", d.resolve("C1.csv").toString(), "--c2", d.resolve("C2.csv").toString(),
                "--p", d.resolve("p.csv").toString(), "--epsilon", "0.1", "--max-iter", "30", "--tol", "0");
        assertEquals(0, r.code(), r.err());
        String meta = Files.readString(d.resolve("meta.json"));
        double pot = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        assertEquals(pot, value(r.out()), 1e-12, "POT's srgw_dist");
        assertTrue(r.out().contains("\"target_weights\": ["), r.out());
        assertBadInput(run("solve", "srgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--method", "entropic"), "--epsilon");
        assertBadInput(run("solve", "srgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--method", "cg", "--epsilon", "0.1"),
                "--epsilon is for --method entropic");
        assertBadInput(run("solve", "srgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--method", "sinkhorn"), "--method must be cg or entropic");
        // without --epsilon: conditional gradient, POT's semirelaxed_gromov_wasserstein on its fixture
        Path cg = Path.of("src/test/resources/pot/srgw_cg_square_loss");
        Run plain = run("solve", "srgw", "--c1", cg.resolve("C1.csv").toString(), "--c2", cg.resolve("C2.csv").toString(),
                "--p", cg.resolve("p.csv").toString());
        assertEquals(0, plain.code(), plain.err());
        double potCg = Double.parseDouble(Files.readString(cg.resolve("meta.json")).replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        assertEquals(potCg, value(plain.out()), 1e-10, "POT's srgw_dist (conditional gradient)");
        assertTrue(plain.out().contains("\"method\": \"cg\""), plain.out());
        // --alpha without features would do nothing: refused, here and for the other solvers with an optional feature term
        for (String[] args : new String[][] {{"srgw", "--epsilon", "0.1"}, {"bapg-gw", "--epsilon", "0.1"}, {"ppa-gw", "--gamma", "0.1"},
                {"badmm-gw", "--gamma", "1"}}) {
            assertBadInput(run("solve", args[0], "--c1", p("C1.csv"), "--c2", p("C2.csv"), args[1], args[2], "--alpha", "0.3"),
                    "--alpha weighs the feature term: it needs --f1 and --f2");
        }
    }

    /** partial-gw: POT's plan value on its fixture at mass 0.6; a mass outside (0, 1] is exit 2 naming --mass. */
    @Test
    void partialGwFollowsTheContract() throws IOException {
        Path d = Path.of("src/test/resources/pot/pgw_m60");
        Path plan = dir.resolve("partial.csv");
        Run r = run("solve", "partial-gw", "--c1", d.resolve("C1.csv").toString(), "--c2", d.resolve("C2.csv").toString(),
                "--p", d.resolve("p.csv").toString(), "--q", d.resolve("q.csv").toString(), "--mass", "0.6", "--plan-out", plan.toString());
        assertEquals(0, r.code(), r.err());
        String meta = Files.readString(d.resolve("meta.json"));
        double pot = Double.parseDouble(meta.replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        assertEquals(pot, value(r.out()), 1e-10, "POT's partial_gw_dist");
        assertTrue(r.out().contains("\"mass\": 0.6") && r.out().contains("\"status\": \"converged\""), r.out());
        double total = 0;
        for (double x : org.gwbench.data.Csv.readMatrix("plan", plan).data) {
            total += x;
        }
        assertEquals(0.6, total, 1e-9, "the plan written carries the mass");
        for (String bad : new String[] {"0", "1.5", "-0.2"}) {
            assertBadInput(run("solve", "partial-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--mass", bad), "--mass must be in (0, 1]");
        }
        assertBadInput(run("solve", "partial-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--alpha", "0.3"),
                "--alpha weighs the feature term: it needs --f1 and --f2");
    }

    /** --method epsilon-scaling: POT's log-domain plan at reg 1e-3 (resources/pot/sinkhorn_log_reg1e-3), reached by ε-scaling. */
    @Test
    void sinkhornByEpsilonScalingIsPots() throws IOException {
        Path d = Path.of("src/test/resources/pot/sinkhorn_log_reg1e-3");
        Run r = run("solve", "sinkhorn", "--a", d.resolve("a.csv").toString(), "--b", d.resolve("b.csv").toString(), "--cost",
                d.resolve("M.csv").toString(), "--reg", "1e-3", "--method", "epsilon-scaling");
        assertEquals(0, r.code(), r.err());
        double pot = Double.parseDouble(Files.readString(d.resolve("meta.json")).replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        assertEquals(pot, value(r.out()), 1e-10);
        assertTrue(r.out().contains("\"method\": \"sinkhorn-epsilon-scaling\""), r.out());
        assertBadInput(run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1", "--method", "greenkhorn"),
                "--method must be auto, sinkhorn, sinkhorn-log or epsilon-scaling");
    }

    /** unbalanced-gw: POT's fugw_cost on its fixture; the deviation from the marginals is reported, not an error. */
    @Test
    void unbalancedGwFollowsTheContract() throws IOException {
        Path d = Path.of("src/test/resources/pot/ugw_pair_eps1");
        Run r = run("solve", "unbalanced-gw", "--c1", d.resolve("C1.csv").toString(), "--c2", d.resolve("C2.csv").toString(),
                "--p", d.resolve("p.csv").toString(), "--q", d.resolve("q.csv").toString(), "--rho1", "0.5", "--rho2", "5",
                "--epsilon", "0.1");
        assertEquals(0, r.code(), r.err());
        double pot = Double.parseDouble(Files.readString(d.resolve("meta.json")).replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
        assertEquals(pot, value(r.out()), 1e-9, "POT's fugw_cost");
        assertTrue(r.out().contains("\"marginal_deviation\": ") && r.out().contains("\"mass\": "), r.out());
        assertBadInput(run("solve", "unbalanced-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1"), "--rho1");
        assertBadInput(run("solve", "unbalanced-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1", "--rho", "1",
                "--rho1", "2"), "give --rho, or --rho1 and --rho2, not both");
        assertBadInput(run("solve", "unbalanced-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--rho", "1"), "--epsilon");
    }

    /** sampled-gw: seeded (the same seed, the same value), a coupling; bad --samples and --epsilon are exit 2. */
    @Test
    void sampledGwFollowsTheContract() throws IOException {
        Path d = Path.of("src/test/resources/pot/sampled_gw_20_seeds");
        String[] args = {"solve", "sampled-gw", "--c1", d.resolve("C1.csv").toString(), "--c2", d.resolve("C2.csv").toString(),
            "--max-iter", "50", "--seed", "3"};
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(value(r.out()), value(run(args).out()), 0, "the same seed, the same plan");
        assertTrue(r.out().contains("\"seed\": 3") && r.out().contains("\"status\": \"max_iter\""), r.out());
        assertBadInput(run("solve", "sampled-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--samples", "0"), "--samples");
        assertBadInput(run("solve", "sampled-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "-1"), "--epsilon must be >= 0");
        assertBadInput(run("solve", "sampled-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--samples", "100000"), "--samples 100000");
    }

    /** lowrank-gw: point clouds in, factors out; the same seed gives the same value; bad --rank is exit 2. */
    @Test
    void lowRankGwFollowsTheContract() throws IOException {
        Path d = Path.of("src/test/resources/pot/lowrank_gw_rank10");
        Path q = dir.resolve("Q.csv");
        String[] args = {"solve", "lowrank-gw", "--x", d.resolve("X.csv").toString(), "--y", d.resolve("Y.csv").toString(), "--rank", "5",
            "--q-out", q.toString()};
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(value(r.out()), value(run(args).out()), 0);
        assertTrue(r.out().contains("\"rank\": 5") && r.out().contains("\"n\": 200"), r.out());
        assertEquals(5, org.gwbench.data.Csv.readMatrix("Q", q).cols);
        assertBadInput(run("solve", "lowrank-gw", "--x", d.resolve("X.csv").toString(), "--y", d.resolve("Y.csv").toString(), "--rank", "0"),
                "--rank");
        assertBadInput(run("solve", "lowrank-gw", "--x", d.resolve("X.csv").toString()), "--y");
    }

    /** ./workbench help and the README's CLI table name every problem that solve knows. */
    @Test
    void helpAndReadmeNameEverySolveProblem() throws IOException {
        Run r = run("solve", "no-such-problem");
        String known = r.err().replaceAll("(?s).*\\(known: ([^)]*)\\).*", "$1").strip();
        assertTrue(known.contains("lowrank-gw"), r.err());
        String script = Files.readString(Path.of("../workbench"));
        String help = script.substring(script.indexOf("solve PROBLEM"), script.indexOf("exit 0 result"));
        String readme = Files.readString(Path.of("../README.md"));
        for (String problem : known.split(",\\s*")) {
            assertTrue(help.matches("(?s).*\\b" + java.util.regex.Pattern.quote(problem) + "\\b.*"), "./workbench help lacks " + problem);
            // a row "./workbench solve NAME ..." or "./workbench solve A\\|NAME ..." (two problems sharing one row)
            assertTrue(java.util.regex.Pattern.compile("\\./workbench solve ([a-z-]+\\\\\\|)*" + java.util.regex.Pattern.quote(problem) + "[ \\\\]")
                    .matcher(readme).find(), "README lacks a row for solve " + problem);
        }
    }

    /** gdl: atoms and weights written, one loss per epoch; bad --atoms is exit 2 naming it. */
    @Test
    void gdlFollowsTheContract() throws IOException {
        Path d = Path.of("src/test/resources/pot/gdl_learn_full_batch");
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            files.append(i == 0 ? "" : ",").append(d.resolve("C" + i + ".csv"));
        }
        Path out = dir.resolve("gdl");
        Run r = run("solve", "gdl", "--structures", files.toString(), "--atoms", "2", "--atom-size", "5", "--epochs", "3", "--batch", "6",
                "--learning-rate", "0.1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"epoch_losses\": [") && r.out().contains("\"structures\": 12"), r.out());
        assertEquals(12, org.gwbench.data.Csv.readMatrix("w", out.resolve("weights.csv")).rows);
        assertEquals(5, org.gwbench.data.Csv.readMatrix("a", out.resolve("atom1.csv")).rows);
        assertBadInput(run("solve", "gdl", "--structures", files.toString(), "--atoms", "0", "--atom-size", "5"), "--atoms");
    }

    @Test
    void sinkhornPrintsOneJsonObject() throws IOException {
        Run r = run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--plan-out", p("P.csv"));
        assertEquals(0, r.code(), r.err());
        String json = r.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}") && json.lines().count() == 1, json);
        // POT to 1e-15 on the same case: <M,P> = 0.23990102519620626 (REFERENCE.md §2)
        assertEquals(0.23990102519620626, value(json), 1e-12);
        for (String key : new String[] {"iterations", "marginal_error", "converged", "seconds"}) {
            assertTrue(json.contains("\"" + key + "\": "), key);
        }
        assertEquals(5, Files.readAllLines(dir.resolve("P.csv")).size());
        Run log = run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--method", "sinkhorn-log");
        assertEquals(0.23990102519620626, value(log.out()), 1e-12);
    }

    @Test
    void entropicGwPrintsOneJsonObject() {
        Run r = run("solve", "entropic-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.01");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"converged\": true"), r.out());
        assertTrue(r.err().isEmpty(), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file|--a|nope.csv|file not found",
        "empty file|--a|empty.csv|is empty",
        "ragged csv|--cost|ragged.csv|is ragged",
        "non-numeric|--cost|text.csv|is not a number",
        "NaN|--cost|nan.csv|non-finite value",
        "Inf|--cost|inf.csv|non-finite value",
        "shape mismatch|--a|a4.csv|--a has 4 entries, expected 5",
        "negative weight|--b|bneg.csv|--b has a negative weight",
        "not summing to 1|--b|bsum.csv|--b sums to 1.1",
        "matrix as a vector|--a|M.csv|expected a vector",
    })
    void badSinkhornInputExitsTwoWithOneLine(String what, String flag, String name, String message) throws IOException {
        file("empty.csv", "\n");
        file("ragged.csv", "1,2,3\n1,2\n");
        file("text.csv", "1,2,x\n");
        file("nan.csv", ".1,.2,.3\n.2,NaN,.4\n.4,.3,.2\n.3,.2,.1\n.5,.5,.4\n");
        file("inf.csv", ".1,.2,.3\n.2,Infinity,.4\n.4,.3,.2\n.3,.2,.1\n.5,.5,.4\n");
        file("a4.csv", "0.25\n0.25\n0.25\n0.25\n");
        file("bneg.csv", "0.6,0.5,-0.1\n");
        file("bsum.csv", "0.5,0.5,0.1\n");
        String a = flag.equals("--a") ? p(name) : p("a.csv");
        String b = flag.equals("--b") ? p(name) : p("b.csv");
        String cost = flag.equals("--cost") ? p(name) : p("M.csv");
        assertBadInput(run("solve", "sinkhorn", "--a", a, "--b", b, "--cost", cost, "--reg", "0.1"), message);
    }

    @Test
    void badFlagsExitTwoWithOneLine() throws IOException {
        file("psum.csv", "0.5,0.5,0.1\n");
        String[] base = {"solve", "entropic-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv")};
        assertBadInput(run(concat(base, "--epsilon", "0")), "--epsilon must be a positive");
        assertBadInput(run(concat(base, "--epsilon", "-1")), "--epsilon must be a positive");
        assertBadInput(run(concat(base, "--epsilon", "abc")), "--epsilon must be a finite number");
        assertBadInput(run(base), "missing required flag --epsilon");
        assertBadInput(run(concat(base, "--epsilon", "0.1", "--bogus", "1")), "unknown flag --bogus");
        assertBadInput(run(concat(base, "--epsilon", "0.1", "--loss", "l1")), "--loss must be square or kl");
        assertBadInput(run(concat(base, "--epsilon", "0.1", "--low-rank", "yes")), "--low-rank must be auto or off");
        assertBadInput(run(concat(base, "--epsilon", "0.1", "--p", p("psum.csv"))), "--p sums to 1.1");
        assertBadInput(run("solve", "entropic-gw", "--c1", p("M.csv"), "--c2", p("C2.csv"), "--epsilon", "1"), "--c1 must be square");
        assertBadInput(run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--method", "magic"), "--method must be");
        assertBadInput(run("solve", "wasserstein"), "unknown problem");
        assertBadInput(run("frobnicate"), "unknown command");
    }

    void assertBadInput(Run r, String fragment) {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(1, r.err().strip().lines().count(), "exactly one line: " + r.err());
        assertTrue(r.err().contains(fragment), "'" + r.err().strip() + "' should mention '" + fragment + "'");
        assertTrue(!r.err().contains("\tat "), "no stack trace");
    }

    static double value(String json) {
        return Double.parseDouble(json.replaceAll("(?s).*\"value\": ([-0-9.eE]+).*", "$1"));
    }

    static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void gradcheckPrintsOneJsonObjectAndPasses() {
        Run r = run("gradcheck", "ezuz-gw", "--n", "4", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        for (String key : new String[] {"algorithm", "n", "seed", "checks", "max_rel_error"}) {
            assertTrue(r.out().contains("\"" + key + "\": "), key);
        }
        double max = Double.parseDouble(r.out().replaceAll("(?s).*\"max_rel_error\": ([0-9.eE+-]+).*", "$1"));
        assertTrue(max <= 1e-5, r.out());
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void gradcheckBadInput() {
        assertBadInput(run("gradcheck", "nope"), "unknown algorithm 'nope'");
        assertBadInput(run("gradcheck"), "usage: workbench gradcheck");
        assertBadInput(run("gradcheck", "ezuz-gw", "--n", "1"), "--n must be at least 2");
        assertBadInput(run("gradcheck", "ezuz-gw", "--n", "x"), "--n must be an integer");
        assertBadInput(run("gradcheck", "ezuz-gw", "--size", "3"), "unknown flag --size");
    }

    @Test
    void sinkhornAutoMethodAndGradient() throws IOException {
        Run r = run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--grad-out", dir.resolve("G.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"method\": \"sinkhorn\""), r.out());
        List<String> g = Files.readAllLines(dir.resolve("G.csv"));
        assertEquals(5, g.size());
        Run tiny = run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "1e-4");
        assertEquals(0, tiny.code(), tiny.err());
        assertTrue(tiny.out().contains("\"method\": \"sinkhorn-log\""), "auto switches to the log domain: " + tiny.out());
        assertBadInput(run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--method", "fast"), "--method must be auto, sinkhorn, sinkhorn-log or epsilon-scaling");
    }

    private static String barycenterOf(String json) {
        int at = json.indexOf("\"barycenter\": [");
        return json.substring(at, json.indexOf(']', at) + 1);
    }

    @Test
    void barycenterPrintsThePublishedValues() throws IOException {
        String hists = file("A.csv", ".3,.2\n.2,.1\n.1,.2\n.1,.1\n.3,.4\n");
        String cost = file("Cb.csv", ".1,.2,.3,.4,.5\n.2,.3,.4,.3,.2\n.4,.3,.2,.1,.2\n.3,.2,.1,.2,.5\n.5,.5,.4,.0,.2\n");
        String w = file("w.csv", ".4\n.6\n");
        for (String method : new String[] {"parallel", "log"}) {
            Run r = run("solve", "barycenter", "--hists", hists, "--cost", cost, "--weights", w, "--reg", "0.1",
                    "--method", method, "--tol", "1e-6");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"barycenter\": [0.20678519000127"), method + ": " + r.out());
        }
        String half = file("half.csv", ".5\n.5\n");
        Run uniform = run("solve", "barycenter", "--hists", hists, "--cost", cost, "--reg", "0.1");
        Run given = run("solve", "barycenter", "--hists", hists, "--cost", cost, "--weights", half, "--reg", "0.1");
        assertEquals(0, uniform.code(), uniform.err());
        assertEquals(barycenterOf(given.out()), barycenterOf(uniform.out()), "no --weights means uniform weights");
        assertBadInput(run("solve", "barycenter", "--hists", hists, "--cost", cost, "--weights", w, "--reg", "0.1",
                "--method", "fast"), "--method must be parallel or log");
        String bad = file("Abad.csv", ".3,.2\n.2,.1\n.1,.2\n.1,.1\n.4,.4\n");
        assertBadInput(run("solve", "barycenter", "--hists", bad, "--cost", cost, "--weights", w, "--reg", "0.1"),
                "column 0 of A sums to 1.1");
        String c4 = file("C4.csv", ".1,.2\n.2,.3\n.4,.3\n.3,.2\n");
        assertBadInput(run("solve", "barycenter", "--hists", hists, "--cost", c4, "--weights", w, "--reg", "0.1"),
                "--hists has 5 rows (bins) but --cost has 4");
        assertBadInput(run("solve", "barycenter", "--hists", hists, "--cost", cost, "--weights", p("a.csv"), "--reg", "0.1"),
                "--weights");
    }

    @Test
    void exactGwPrintsTheReferenceValue() {
        // REFERENCE.md §3: the 3-point path against the triangle, GW = 2/9
        Run r = run("solve", "gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--plan-out", dir.resolve("T.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2.0 / 9, value(r.out()), 1e-12);
        assertTrue(r.out().contains("\"converged\": true"), r.out());
        assertTrue(Files.exists(dir.resolve("T.csv")));
        assertBadInput(run("solve", "gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1"), "unknown flag --epsilon");
        assertBadInput(run("solve", "gw", "--c1", p("M.csv"), "--c2", p("C2.csv")), "--c1 must be square");
    }

    @Test
    void proximalAndFusedCommands() throws IOException {
        String f1 = file("F1.csv", "0,0\n1,0\n2,0\n");
        String f2 = file("F2.csv", "0,1\n1,1\n2,1\n");
        for (String which : new String[] {"ppa-gw", "badmm-gw"}) {
            Run r = run("solve", which, "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--gamma", "0.1", "--layers", "20");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"layers\": 20"), r.out());
            Run f = run("solve", which, "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--gamma", "0.1", "--f1", f1, "--f2", f2,
                    "--alpha", "0.5");
            assertEquals(0, f.code(), f.err());
        }
        Run g = run("solve", "fgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--f1", f1, "--f2", f2, "--alpha", "1");
        assertEquals(0, g.code(), g.err());
        assertEquals(2.0 / 9, value(g.out()), 1e-12, "alpha = 1 is GW");
        assertBadInput(run("solve", "ppa-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv")), "--gamma");
        assertBadInput(run("solve", "fgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--f1", f1, "--f2", f2, "--alpha", "2"),
                "--alpha must be in [0, 1]");
        String f3 = file("F3.csv", "0,1\n1,1\n");
        assertBadInput(run("solve", "fgw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--f1", f1, "--f2", f3),
                "--f1 has 3 rows and --f2 2, expected 3 and 3");
    }

    @Test
    void gwBarycenterOfIdenticalStructures() {
        String list = p("C1.csv") + "," + p("C1.csv");
        Run r = run("solve", "gw-barycenter", "--structures", list, "--size", "3", "--out", dir.resolve("B.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(0.0, value(r.out()), 1e-9, "the barycenter of a structure with itself is that structure");
        assertTrue(Files.exists(dir.resolve("B.csv")));
        assertBadInput(run("solve", "gw-barycenter", "--structures", list), "--size");
        assertBadInput(run("solve", "gw-barycenter", "--structures", list, "--size", "3", "--method", "ppa"), "--gamma");
        assertBadInput(run("solve", "gw-barycenter", "--structures", list + "," + p("M.csv"), "--size", "3"), "must be square");
    }

    @Test
    void gaussianInnerGwEitherWayRound() throws IOException {
        String s1 = file("S1.csv", "1,0,0\n0,3,0\n0,0,2\n");
        String s2 = file("S2.csv", "1,0\n0,2\n");
        for (String[] pair : new String[][] {{s1, s2}, {s2, s1}}) {
            Run r = run("solve", "gaussian-inner-gw", "--cov1", pair[0], "--cov2", pair[1], "--map-out", dir.resolve("A.csv").toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(9 + 4 + 1 + 4 + 1 - 2 * (3 * 2 + 2 * 1), value(r.out()), 1e-12);
            assertEquals(2, Files.readAllLines(dir.resolve("A.csv")).size(), "the map goes to the 2-dimensional side");
        }
        String bad = file("Sbad.csv", "1,2\n0,1\n");
        assertBadInput(run("solve", "gaussian-inner-gw", "--cov1", s1, "--cov2", bad), "--cov2 must be symmetric");
        String neg = file("Sneg.csv", "1,0\n0,-1\n");
        assertBadInput(run("solve", "gaussian-inner-gw", "--cov1", s1, "--cov2", neg), "--cov2 must be positive definite");
    }

    @Test
    void outputFilesAreCheckedBeforeTheSolve() {
        String missing = dir.resolve("no-such-folder").resolve("T.csv").toString();
        assertBadInput(run("solve", "gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--plan-out", missing),
                "--plan-out: cannot write");
        assertBadInput(run("solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "0.1",
                "--grad-out", missing), "--grad-out: cannot write");
        assertBadInput(run("solve", "gw-barycenter", "--structures", p("C1.csv"), "--size", "3", "--out", dir.toString()),
                "--out: cannot write");
        // a folder that exists and looks writable but takes no new file (/proc): caught before the solve too
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(java.nio.file.Path.of("/proc/self")), "no /proc");
        for (String flag : new String[] {"--plan-out"}) {
            assertBadInput(run("solve", "gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), flag, "/proc/x.csv"),
                    flag + ": cannot write /proc/x.csv (it cannot be created there)");
            assertBadInput(run("solve", "entropic-gw", "--c1", p("C1.csv"), "--c2", p("C2.csv"), "--epsilon", "0.1", flag, "/proc/x.csv"),
                    flag + ": cannot write /proc/x.csv");
        }
        assertBadInput(run("solve", "gw-barycenter", "--structures", p("C1.csv"), "--size", "3", "--out", "/proc/B.csv"),
                "--out: cannot write /proc/B.csv");
    }

    @Test
    void theWriteProbeLeavesNoFileBehindAndKeepsAnExistingOne() throws Exception {
        java.nio.file.Path fresh = dir.resolve("fresh.csv");
        assertEquals(fresh, new Args("t", new String[] {"--plan-out", fresh.toString()}, 0, java.util.Set.of("plan-out")).output("plan-out"));
        assertTrue(!Files.exists(fresh), "the probe's empty file was removed");
        java.nio.file.Path old = dir.resolve("old.csv");
        Files.writeString(old, "1,2\n");
        new Args("t", new String[] {"--plan-out", old.toString()}, 0, java.util.Set.of("plan-out")).output("plan-out");
        assertEquals("1,2\n", Files.readString(old), "an existing file is not truncated by the probe");
    }

    @Test
    void gwfClusterChecksItsSaveFolderBeforeTraining() {
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--save", p("C1.csv")), "--save: " + p("C1.csv") + " is a file, not a folder");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(java.nio.file.Path.of("/proc/self")), "no /proc");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--save", "/proc/gwf-model"), "--save: cannot create the folder /proc/gwf-model");
    }

    @Test
    void gwfClusterPrintsOneJsonObject() {
        java.nio.file.Path data = org.gwbench.data.DataDir.root();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(data.resolve("tu/AIDS")), "GWBENCH_DATA not set to the shared data");
        Run r = run("gwf-cluster", "--dataset", "AIDS", "--data", data.toString(), "--graphs", "30", "--atoms", "3",
                "--epochs", "1", "--layers", "5", "--seed", "1", "--forward", "reference-code");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"forward\": \"reference-code\""), r.out());
        assertTrue(r.err().contains("gwf-cluster: epoch 1/1, loss"), "progress on stderr: " + r.err());
        for (String key : new String[] {"\"accuracy\"", "\"seconds\"", "\"graphs\": 30"}) {
            assertTrue(r.out().contains(key), r.out());
        }
        double acc = Double.parseDouble(r.out().replaceAll("(?s).*\"accuracy\": ([-0-9.eE]+).*", "$1"));
        assertTrue(acc >= 0.5 && acc <= 1, r.out());

        // --save DIR keeps the model; a rerun with the same DIR loads it instead of training again
        String save = dir.resolve("gwf-model").toString();
        String[] saved = {"gwf-cluster", "--dataset", "AIDS", "--data", data.toString(), "--graphs", "30", "--atoms", "3",
            "--epochs", "1", "--layers", "5", "--seed", "1", "--forward", "reference-code", "--save", save};
        Run first = run(saved);
        assertEquals(0, first.code(), first.err());
        assertEquals(acc, Double.parseDouble(first.out().replaceAll("(?s).*\"accuracy\": ([-0-9.eE]+).*", "$1")), 0,
                "the same seed gives the same model with or without --save");
        assertTrue(Files.isRegularFile(java.nio.file.Path.of(save, "model.txt")), "model saved");
        Run second = run(saved);
        assertEquals(0, second.code(), second.err());
        assertTrue(!second.err().contains("epoch"), "a finished model is loaded, not trained: " + second.err());
        assertEquals(first.out().replaceAll("\"seconds\": [^,}]+", ""), second.out().replaceAll("\"seconds\": [^,}]+", ""));
    }

    @Test
    void gwfClusterBadInput() {
        assertBadInput(run("gwf-cluster", "--dataset", "NOPE", "--data", dir.toString()), "./workbench fetch-data");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--method", "sgd"), "--method must be ppa or badmm");
        assertBadInput(run("gwf-cluster"), "missing required flag --dataset");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--feature-weight", "-1"), "--feature-weight must be >= 0");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--forward", "identity"),
                "--forward must be algorithm-4 or reference-code, got identity");
        // these trained on all graphs (--graphs -5), failed in k-means after training (--graphs 1) or printed a
        // null loss (--epochs 0)
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--graphs", "-5"), "--graphs must be 0 (all graphs) or at least 2, got -5");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--graphs", "1"), "--graphs must be 0 (all graphs) or at least 2, got 1");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--epochs", "0"), "--epochs must be a positive integer, got 0");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--atoms", "0"), "--atoms must be a positive integer, got 0");
        assertBadInput(run("gwf-cluster", "--dataset", "AIDS", "--layers", "-1"), "--layers must be a positive integer, got -1");
    }

    /** A result that is not one (NaN, a numerical error, a plan off its marginals) exits 2 with one line. */
    @Test
    void resultsThatAreNotResultsExitTwoWithOneLine() throws IOException {
        StringBuilder ints1 = new StringBuilder();
        StringBuilder ints2 = new StringBuilder();
        StringBuilder huge = new StringBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int[][] x = new int[12][2];
        for (int[] row : x) {
            row[0] = r.nextInt(10);
            row[1] = r.nextInt(10);
        }
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                int d = (x[i][0] - x[j][0]) * (x[i][0] - x[j][0]) + (x[i][1] - x[j][1]) * (x[i][1] - x[j][1]);
                ints1.append(j > 0 ? "," : "").append(d);
                ints2.append(j > 0 ? "," : "").append(d + (i == j ? 0 : (i + j) % 3));
                huge.append(j > 0 ? "," : "").append(d == 0 ? "0" : d + "e298");
            }
            ints1.append('\n');
            ints2.append('\n');
            huge.append('\n');
        }
        String c1 = file("I1.csv", ints1.toString());
        String c2 = file("I2.csv", ints2.toString());
        String big = file("Big.csv", huge.toString());
        Object[][] cases = {
            {new String[] {"solve", "entropic-gw", "--c1", big, "--c2", big, "--epsilon", "0.1"}, "entropic-gw: the value is NaN"},
            // the kernel underflows, the log-domain inner solves run out of iterations, the plans stop off the marginals
            {new String[] {"solve", "entropic-gw", "--c1", c1, "--c2", c2, "--epsilon", "0.01"}, "entropic-gw: the plan is off its marginals by"},
            {new String[] {"solve", "ppa-gw", "--c1", c1, "--c2", c2, "--gamma", "1e-300"}, "ppa-gw: a numerical error stopped the solve"},
            {new String[] {"solve", "badmm-gw", "--c1", c1, "--c2", c2, "--gamma", "0.01"}, "badmm-gw: the plan is off its marginals by"},
            {new String[] {"solve", "sinkhorn", "--a", p("a.csv"), "--b", p("b.csv"), "--cost", p("M.csv"), "--reg", "1e-300",
                "--method", "sinkhorn"}, "sinkhorn: "},
        };
        for (Object[] c : cases) {
            Run run = run((String[]) c[0]);
            assertEquals(2, run.code(), String.join(" ", (String[]) c[0]) + "\n" + run.out() + run.err());
            assertTrue(run.err().startsWith("error: " + c[1]), run.err());
            assertEquals(1, run.err().strip().split("\n").length, "one line: " + run.err());
            assertTrue(run.out().startsWith("{\"problem\""), "the JSON is printed for the record: " + run.out());
        }
        // a feasible plan that did not meet its stopping rule is a result: exit 0, a note on stderr
        Run capped = run("solve", "gw", "--c1", c1, "--c2", c2, "--max-iter", "1");
        assertEquals(0, capped.code(), capped.err());
        assertTrue(capped.err().startsWith("note: gw did not meet its stopping rule"), capped.err());
    }
}
