package org.gwbench.gw;

import org.gwbench.problem.Check;

/**
 * Configuration of {@link GwDictionary} (POT's gromov_wasserstein_dictionary_learning defaults).
 *
 * @param atoms the number D of atoms
 * @param atomSize their number of nodes nt
 * @param reg the sparsity-promoting −reg‖w‖² term (POT: 0)
 * @param epochs passes over the data (POT: 20)
 * @param batch graphs per Adam step (POT: 32)
 * @param learningRate Adam's step (POT: 1)
 * @param tolOuter the unmixing's outer (block) tolerance, relative (POT: 1e-5)
 * @param tolInner the tolerance of its two inner solves, relative (POT: 1e-5)
 * @param maxIterOuter outer iterations of an unmixing (POT: 20)
 * @param maxIterInner iterations of each inner solve (POT: 200)
 * @param seed the seed of the atoms' start and the batches
 */
public record GwDictionaryOptions(int atoms, int atomSize, double reg, int epochs, int batch, double learningRate, double tolOuter,
                                  double tolInner, int maxIterOuter, int maxIterInner, long seed) {
    public GwDictionaryOptions {
        Check.positive("atoms", atoms);
        Check.positive("atomSize", atomSize);
        if (!(reg >= 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("reg must be >= 0, got " + reg);
        }
        Check.positive("epochs", epochs);
        Check.positive("batch", batch);
        Check.positive("learningRate", learningRate);
        Check.positive("tolOuter", tolOuter);
        Check.positive("tolInner", tolInner);
        Check.positive("maxIterOuter", maxIterOuter);
        Check.positive("maxIterInner", maxIterInner);
    }

    /** POT's defaults for D atoms of nt nodes, seed 0. */
    public static GwDictionaryOptions defaults(int atoms, int atomSize) {
        return new GwDictionaryOptions(atoms, atomSize, 0, 20, 32, 1.0, 1e-5, 1e-5, 20, 200, 0);
    }

    public GwDictionaryOptions withTraining(int epochs, int batch, double learningRate) {
        return new GwDictionaryOptions(atoms, atomSize, reg, epochs, batch, learningRate, tolOuter, tolInner, maxIterOuter, maxIterInner, seed);
    }

    public GwDictionaryOptions withReg(double reg) {
        return new GwDictionaryOptions(atoms, atomSize, reg, epochs, batch, learningRate, tolOuter, tolInner, maxIterOuter, maxIterInner, seed);
    }

    public GwDictionaryOptions withSeed(long seed) {
        return new GwDictionaryOptions(atoms, atomSize, reg, epochs, batch, learningRate, tolOuter, tolInner, maxIterOuter, maxIterInner, seed);
    }
}
