package org.gwbench.emd;

import org.gwbench.linalg.Mat;
import org.gwbench.problem.Status;

/** One solve's state. Nodes: rows 0..n−1, columns n..n+m−1. */
final class NetworkSimplex {
    final int n;
    final int m;
    final double[] c;
    final int cells;
    final int[] bi;
    final int[] bj;
    final double[] bx;
    // tree arrays, rebuilt after each pivot
    final int[] deg;
    final int[] start;
    final int[] adj;
    final int[] parent;
    final int[] parentCell;
    final int[] depth;
    final double[] pot;
    final int[] queue;
    final double eps;
    long cursor;

    NetworkSimplex(double[] a, double[] b, Mat C, Emd.Basis warm) {
        n = C.rows;
        m = C.cols;
        c = C.data;
        cells = n + m - 1;
        bi = new int[cells];
        bj = new int[cells];
        bx = new double[cells];
        deg = new int[n + m];
        start = new int[n + m + 1];
        adj = new int[2 * cells];
        parent = new int[n + m];
        parentCell = new int[n + m];
        depth = new int[n + m];
        pot = new double[n + m];
        queue = new int[n + m];
        double mx = 0;
        for (double x : c) {
            mx = Math.max(mx, Math.abs(x));
        }
        eps = 1e-12 * Math.max(mx, 1e-300);
        if (warm == null) {
            northWest(a, b);
        } else {
            System.arraycopy(warm.i(), 0, bi, 0, cells);
            System.arraycopy(warm.j(), 0, bj, 0, cells);
            System.arraycopy(warm.flow(), 0, bx, 0, cells);
        }
    }

    private void northWest(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double ra = a[0];
        double cb = b[0];
        for (int k = 0; k < cells; k++) {
            double x = Math.max(0, Math.min(ra, cb));
            bi[k] = i;
            bj[k] = j;
            bx[k] = x;
            ra -= x;
            cb -= x;
            if (k == cells - 1) {
                break;
            }
            if (j == m - 1 || (i < n - 1 && ra <= cb)) {
                i++;
                ra = a[i];
            } else {
                j++;
                cb = b[j];
            }
        }
    }

    /** Adjacency, parents, depths and potentials (u_0 = 0) of the current basis tree. */
    private void buildTree() {
        java.util.Arrays.fill(deg, 0);
        for (int k = 0; k < cells; k++) {
            deg[bi[k]]++;
            deg[n + bj[k]]++;
        }
        start[0] = 0;
        for (int v = 0; v < n + m; v++) {
            start[v + 1] = start[v] + deg[v];
        }
        java.util.Arrays.fill(deg, 0);
        for (int k = 0; k < cells; k++) {
            int r = bi[k];
            int s = n + bj[k];
            adj[start[r] + deg[r]++] = k;
            adj[start[s] + deg[s]++] = k;
        }
        java.util.Arrays.fill(parent, -2);
        int head = 0;
        int tail = 0;
        queue[tail++] = 0;
        parent[0] = -1;
        parentCell[0] = -1;
        depth[0] = 0;
        pot[0] = 0;
        while (head < tail) {
            int v = queue[head++];
            for (int e = start[v]; e < start[v + 1]; e++) {
                int k = adj[e];
                int w = v < n ? n + bj[k] : bi[k];
                if (parent[w] != -2) {
                    continue;
                }
                parent[w] = v;
                parentCell[w] = k;
                depth[w] = depth[v] + 1;
                pot[w] = c[bi[k] * m + bj[k]] - pot[v];
                queue[tail++] = w;
            }
        }
        if (tail != n + m) {
            throw new IllegalStateException("EMD basis is not a spanning tree (" + tail + " of " + (n + m) + " nodes)");
        }
    }

    /** The entering cell (i·m + j) by block search, or −1 when every reduced cost is ≥ −eps. */
    private long price() {
        long total = (long) n * m;
        int block = (int) Math.max(64, Math.sqrt((double) total));
        int i = (int) (cursor / m);
        int j = (int) (cursor - (long) i * m);
        long scanned = 0;
        int bestI = -1;
        int bestJ = -1;
        double bestR = -eps;
        while (scanned < total) {
            long end = Math.min(scanned + block, total);
            double ui = pot[i];
            int row = i * m;
            for (long s = scanned; s < end; s++) {
                double r = c[row + j] - ui - pot[n + j];
                if (r < bestR) {
                    bestR = r;
                    bestI = i;
                    bestJ = j;
                }
                if (++j == m) {
                    j = 0;
                    if (++i == n) {
                        i = 0;
                    }
                    ui = pot[i];
                    row = i * m;
                }
            }
            scanned = end;
            if (bestI >= 0) {
                cursor = (long) i * m + j;
                return (long) bestI * m + bestJ;
            }
        }
        return -1;
    }

    // adjacency of the basis tree, kept up to date pivot by pivot
    int[][] nbr;
    int[] nbrCount;
    int[] mark;
    int stamp;

    private void initAdjacency() {
        nbr = new int[n + m][];
        nbrCount = new int[n + m];
        for (int v = 0; v < n + m; v++) {
            nbr[v] = new int[Math.max(2, start[v + 1] - start[v])];
            for (int e = start[v]; e < start[v + 1]; e++) {
                nbr[v][nbrCount[v]++] = adj[e];
            }
        }
        mark = new int[n + m];
    }

    private void addNbr(int v, int k) {
        if (nbrCount[v] == nbr[v].length) {
            nbr[v] = java.util.Arrays.copyOf(nbr[v], 2 * nbr[v].length);
        }
        nbr[v][nbrCount[v]++] = k;
    }

    private void removeNbr(int v, int k) {
        for (int e = 0; e < nbrCount[v]; e++) {
            if (nbr[v][e] == k) {
                nbr[v][e] = nbr[v][--nbrCount[v]];
                return;
            }
        }
        throw new IllegalStateException("EMD tree: cell " + k + " not at node " + v);
    }

    private int other(int k, int v) {
        return v < n ? n + bj[k] : bi[k];
    }

    /**
     * Replaces the leaving cell by the entering one: the subtree cut off by the leaving cell is
     * re-hung from the entering cell, its potentials shifted by the entering reduced cost, in one
     * breadth-first pass from the entering cell's end inside it (the cycle search already told
     * which end that is: the one whose path up to the common ancestor held the leaving cell).
     */
    private void swapCells(int leave, int ei, int ej, boolean columnInside) {
        int r0 = bi[leave];
        int c0 = n + bj[leave];
        int ce = n + ej;
        double r = c[ei * m + ej] - pot[ei] - pot[ce];
        removeNbr(r0, leave);
        removeNbr(c0, leave);
        bi[leave] = ei;
        bj[leave] = ej;
        addNbr(ei, leave);
        addNbr(ce, leave);
        int root = columnInside ? ce : ei;
        int outside = columnInside ? ei : ce;
        // the entering cell's reduced cost r becomes 0: inside the subtree, rows move by +r and
        // columns by −r when its row end is inside, the other way round when its column end is
        boolean rowInside = !columnInside;
        parent[root] = outside;
        parentCell[root] = leave;
        depth[root] = depth[outside] + 1;
        stamp++;
        mark[root] = stamp;
        mark[outside] = stamp;
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        while (head < tail) {
            int v = queue[head++];
            pot[v] += (v < n) == rowInside ? r : -r;
            for (int e = 0; e < nbrCount[v]; e++) {
                int k = nbr[v][e];
                int w = other(k, v);
                if (mark[w] == stamp) {
                    continue;
                }
                mark[w] = stamp;
                parent[w] = v;
                parentCell[w] = k;
                depth[w] = depth[v] + 1;
                queue[tail++] = w;
            }
        }
    }

    /**
     * One pivot with cell (ei, ej) entering: the tree path from column node ej to row node ei (its cells
     * alternate −, +, −, …), the flow θ moved around the cycle, the leaving cell and the tree update.
     */
    private void pivot(int ei, int ej, int[] pathX, int[] pathY) {
        int x = n + ej;
        int y = ei;
        int lenX = 0;
        int lenY = 0;
        while (depth[x] > depth[y]) {
            pathX[lenX++] = parentCell[x];
            x = parent[x];
        }
        while (depth[y] > depth[x]) {
            pathY[lenY++] = parentCell[y];
            y = parent[y];
        }
        while (x != y) {
            pathX[lenX++] = parentCell[x];
            x = parent[x];
            pathY[lenY++] = parentCell[y];
            y = parent[y];
        }
        int fromColumn = lenX;
        for (int t = lenY - 1; t >= 0; t--) {
            pathX[lenX++] = pathY[t];
        }
        double theta = Double.POSITIVE_INFINITY;
        int leave = -1;
        int leaveAt = -1;
        for (int t = 0; t < lenX; t += 2) {
            int k = pathX[t];
            if (bx[k] < theta) {
                theta = bx[k];
                leave = k;
                leaveAt = t;
            }
        }
        for (int t = 0; t < lenX; t++) {
            int k = pathX[t];
            bx[k] += (t % 2 == 0) ? -theta : theta;
        }
        swapCells(leave, ei, ej, leaveAt < fromColumn);
        bx[leave] = theta;
    }

    Emd.Result run(long maxPivots) {
        long pivots = 0;
        Status status = Status.MAX_ITER;
        int[] pathX = new int[n + m];
        int[] pathY = new int[n + m];
        buildTree();
        initAdjacency();
        while (pivots < maxPivots) {
            if ((pivots & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                status = Status.INTERRUPTED;
                break;
            }
            long enter = price();
            if (enter < 0) {
                status = Status.CONVERGED;
                break;
            }
            int ei = (int) (enter / m);
            int ej = (int) (enter % m);
            pivot(ei, ej, pathX, pathY);
            pivots++;
        }
        Mat T = Mat.zeros(n, m);
        double cost = 0;
        for (int k = 0; k < cells; k++) {
            double f = Math.max(0, bx[k]);
            T.data[bi[k] * m + bj[k]] += f;
            cost += f * c[bi[k] * m + bj[k]];
        }
        double[] u = new double[n];
        double[] v = new double[m];
        System.arraycopy(pot, 0, u, 0, n);
        System.arraycopy(pot, n, v, 0, m);
        return new Emd.Result(T, cost, u, v, pivots, status, new Emd.Basis(n, m, bi.clone(), bj.clone(), bx.clone()));
    }
}
