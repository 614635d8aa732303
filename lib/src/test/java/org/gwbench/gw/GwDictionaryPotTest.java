package org.gwbench.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwbench.data.Csv;
import org.gwbench.linalg.Mat;
import org.gwbench.problem.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GW dictionary learning against POT 0.9.7 (resources/pot/gdl_*, made by make_fixtures.py). */
class GwDictionaryPotTest {
    private static final Path POT = Path.of("src/test/resources/pot");

    static double number(Path d, String key) throws IOException {
        return Double.parseDouble(Files.readString(d.resolve("meta.json")).replaceAll("(?s).*\"" + key + "\": ([-0-9.eE+]+).*", "$1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gdl_unmix_reg0", "gdl_unmix_reg01"})
    void unmixesAsPot(String name) throws IOException {
        Path d = POT.resolve(name);
        Mat C = Csv.readMatrix("C", d.resolve("C.csv"));
        List<Mat> atoms = List.of(Csv.readMatrix("a0", d.resolve("atom0.csv")), Csv.readMatrix("a1", d.resolve("atom1.csv")),
                Csv.readMatrix("a2", d.resolve("atom2.csv")));
        GwDictionary gdl = new GwDictionary(GwDictionaryOptions.defaults(3, 5).withReg(number(d, "reg")));
        GwDictionary.Unmixing u = gdl.unmix(C, Check.uniform(8), atoms, Check.uniform(5));
        double[] w = Csv.readVector("w", d.resolve("w.csv"));
        for (int k = 0; k < 3; k++) {
            assertEquals(w[k], u.w()[k], 1e-9, name + ": w" + k);
        }
        assertEquals(number(d, "loss"), u.loss(), 1e-10, name + ": POT's loss");
        assertTrue(BapgAndEntropicFusedPotTest.largestDifference(u.plan(), Csv.readMatrix("T", d.resolve("T.csv"))) < 1e-9);
        assertEquals(1.0, u.w()[0] + u.w()[1] + u.w()[2], 1e-12, "w on the simplex");
    }

    /** Five full-batch epochs from POT's start: the same atoms and epoch losses (no random draw with a full batch). */
    @Test
    void learnsAsPotWithAFullBatch() throws IOException {
        Path d = POT.resolve("gdl_learn_full_batch");
        List<Mat> Cs = new ArrayList<>();
        List<double[]> ps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Mat C = Csv.readMatrix("C" + i, d.resolve("C" + i + ".csv"));
            Cs.add(C);
            ps.add(Check.uniform(C.rows));
        }
        GwDictionary gdl = new GwDictionary(GwDictionaryOptions.defaults(2, 5).withTraining(5, 12, 0.1));
        GwDictionary.Dictionary dict = gdl.learn(Cs, ps, List.of(Csv.readMatrix("i0", d.resolve("init0.csv")),
                Csv.readMatrix("i1", d.resolve("init1.csv"))));
        double[] losses = Csv.readVector("losses", d.resolve("epoch_losses.csv"));
        for (int e = 0; e < 5; e++) {
            assertEquals(losses[e], dict.epochLosses()[e], 1e-8 * losses[e], "epoch " + e);
        }
        assertTrue(BapgAndEntropicFusedPotTest.largestDifference(dict.atoms().get(0), Csv.readMatrix("a0", d.resolve("atom0.csv"))) < 1e-8);
        assertTrue(BapgAndEntropicFusedPotTest.largestDifference(dict.atoms().get(1), Csv.readMatrix("a1", d.resolve("atom1.csv"))) < 1e-8);
        assertTrue(dict.epochLosses()[4] < dict.epochLosses()[0], "learning lowers the loss");
        assertThrows(IllegalArgumentException.class, () -> gdl.learn(Cs, ps.subList(0, 3), null));
        assertThrows(IllegalArgumentException.class, () -> GwDictionaryOptions.defaults(0, 5));
        GwDictionary plain = new GwDictionary(GwDictionaryOptions.defaults(2, 5));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> plain.unmix(Cs.get(0), ps.get(0), List.of(), Check.uniform(5)));
        assertTrue(none.getMessage().startsWith("atoms:"), none.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> plain.unmix(Cs.get(0), ps.get(0), List.of(Mat.zeros(5, 5), Mat.zeros(4, 4)), Check.uniform(5)));
        assertTrue(mixed.getMessage().contains("atom 1 is 4x4"), mixed.getMessage());
    }
}
