"""Regenerates the POT reference plans used by EntropicGwPotTest.

Run with POT 0.9.7 (the version pinned in requirements.txt):
    .venv/bin/python lib/src/test/resources/pot/make_fixtures.py
Each case writes C1, C2, p, q and POT's plan T as CSV, plus the GW value POT reports.
"""
import json
import os

import numpy as np
import ot

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, **arrays):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    for k, v in arrays.items():
        if isinstance(v, np.ndarray):
            np.savetxt(os.path.join(d, k + ".csv"), np.atleast_2d(v) if v.ndim == 1 else v,
                       delimiter=",", fmt="%.17g")
    meta = {k: v for k, v in arrays.items() if not isinstance(v, np.ndarray)}
    meta["pot_version"] = ot.__version__
    with open(os.path.join(d, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)


rng = np.random.default_rng(2026)
X = rng.normal(size=(7, 2))
Y = rng.normal(size=(5, 3))
C1 = ot.dist(X, X)
C1 /= C1.max()
C2 = ot.dist(Y, Y)
C2 /= C2.max()
p = rng.random(7) + 0.2
p /= p.sum()
q = rng.random(5) + 0.2
q /= q.sum()
for loss, eps in [("square_loss", 0.02), ("kl_loss", 0.05)]:
    T, log = ot.gromov.entropic_gromov_wasserstein(
        C1, C2, p, q, loss, epsilon=eps, max_iter=10000, tol=1e-13, log=True,
        stopThr=1e-15, numItermax=100000)
    save(f"egw_{loss}", C1=C1, C2=C2, p=p, q=q, T=T, epsilon=eps, loss=loss, value=float(log["gw_dist"]))

# asymmetric structures (a directed weighted graph against a permuted, noisy copy)
A = rng.random((6, 6)) * (rng.random((6, 6)) < 0.6)
np.fill_diagonal(A, 0)
perm = rng.permutation(6)
B = A[np.ix_(perm, perm)] + 0.05 * rng.random((6, 6))
u = np.full(6, 1 / 6)
T, log = ot.gromov.entropic_gromov_wasserstein(
    A, B, u, u, "square_loss", epsilon=0.01, max_iter=10000, tol=1e-13, log=True,
    stopThr=1e-15, numItermax=100000)
save("egw_asymmetric", C1=A, C2=B, p=u, q=u, T=T, epsilon=0.01, loss="square_loss", value=float(log["gw_dist"]))

# exact GW by conditional gradient (issue 5): generic instances, so every linear subproblem has a
# unique solution and the iterates are the same whatever the EMD solver
for loss in ["square_loss", "kl_loss"]:
    T, log = ot.gromov.gromov_wasserstein(C1, C2, p, q, loss, log=True)
    save(f"gw_{loss}", C1=C1, C2=C2, p=p, q=q, T=T, loss=loss, value=float(log["gw_dist"]))
T, log = ot.gromov.gromov_wasserstein(A, B, u, u, "square_loss", log=True)
save("gw_asymmetric", C1=A, C2=B, p=u, q=u, T=T, loss="square_loss", value=float(log["gw_dist"]))
Xm = rng.normal(size=(30, 2))
Ym = rng.normal(size=(25, 3))
D1 = ot.dist(Xm, Xm)
D1 /= D1.max()
D2 = ot.dist(Ym, Ym)
D2 /= D2.max()
pm = rng.random(30) + 0.2
pm /= pm.sum()
qm = rng.random(25) + 0.2
qm /= qm.sum()
T, log = ot.gromov.gromov_wasserstein(D1, D2, pm, qm, "square_loss", log=True)
save("gw_medium", C1=D1, C2=D2, p=pm, q=qm, T=T, loss="square_loss", value=float(log["gw_dist"]))

# fused GW by conditional gradient: node features in R^2, M = squared distances, alpha = 0.3 and 0.8
F1 = rng.normal(size=(7, 2))
F2 = rng.normal(size=(5, 2))
M = ot.dist(F1, F2)
for alpha in [0.3, 0.8]:
    T, log = ot.gromov.fused_gromov_wasserstein(M, C1, C2, p, q, "square_loss", alpha=alpha, log=True)
    save(f"fgw_alpha{int(alpha * 10)}", C1=C1, C2=C2, p=p, q=q, M=M, T=T, loss="square_loss", alpha=alpha,
         value=float(log["fgw_dist"]))

# GW barycenter (Peyre 2016 update, exact CG plans) of two point-cloud structures from a given start
Xa = rng.normal(size=(8, 2))
Xb = rng.normal(size=(7, 2))
Ca = ot.dist(Xa, Xa)
Ca /= Ca.max()
Cb = ot.dist(Xb, Xb)
Cb /= Cb.max()
Xi = rng.random((5, 2))
C0 = ot.dist(Xi, Xi)
C0 /= C0.max()
Cbar = ot.gromov.gromov_barycenters(5, [Ca, Cb], None, None, [0.3, 0.7], "square_loss", max_iter=100, tol=1e-9,
                                    init_C=C0)
save("gw_barycenter", Ca=Ca, Cb=Cb, C0=C0, C=Cbar, loss="square_loss")

# PPA (issue 22): POT's entropic_gromov_wasserstein(solver="PPA") solves each proximal step's Sinkhorn
# problem to convergence; PpaGw with many inner iterations and γ = ε/2 is the same algorithm. A fixed
# number of outer steps (tol = 0), so the plans are compared step for step, not only at the limit.
Xp = rng.normal(size=(8, 2))
Yp = rng.normal(size=(6, 2))
P1 = ot.dist(Xp, Xp)
P1 /= P1.max()
P2 = ot.dist(Yp, Yp)
P2 /= P2.max()
pp = rng.random(8) + 0.2
pp /= pp.sum()
qp = rng.random(6) + 0.2
qp /= qp.sum()
T, log = ot.gromov.entropic_gromov_wasserstein(
    P1, P2, pp, qp, "square_loss", epsilon=0.1, max_iter=20, tol=0, solver="PPA", log=True,
    stopThr=1e-15, numItermax=100000)
save("ppa_square_loss", C1=P1, C2=P2, p=pp, q=qp, T=T, epsilon=0.1, outer_iterations=20, loss="square_loss",
     value=float(log["gw_dist"]))

# issue 25: entropic fused GW (PGD, to convergence) and BAPG (a fixed number of iterations, tol = 0, so
# the iterates are compared, not only the limit), plain, fused, with marginal_loss, and asymmetric
F1 = rng.normal(size=(8, 3))
F2 = rng.normal(size=(6, 3))
Mp = ot.dist(F1, F2)
Mp /= Mp.max()
T, log = ot.gromov.entropic_fused_gromov_wasserstein(
    Mp, P1, P2, pp, qp, "square_loss", epsilon=0.05, alpha=0.3, max_iter=10000, tol=1e-13, log=True,
    stopThr=1e-15, numItermax=100000)
save("efgw_alpha3", C1=P1, C2=P2, p=pp, q=qp, M=Mp, T=T, epsilon=0.05, alpha=0.3, loss="square_loss",
     value=float(log["fgw_dist"]))
T, log = ot.gromov.BAPG_gromov_wasserstein(P1, P2, pp, qp, "square_loss", epsilon=0.1, max_iter=50, tol=0, log=True)
save("bapg_square_loss", C1=P1, C2=P2, p=pp, q=qp, T=T, epsilon=0.1, iterations=50, marginal_loss=False,
     value=float(log["gw_dist"]))
T, log = ot.gromov.BAPG_gromov_wasserstein(P1, P2, pp, qp, "square_loss", epsilon=0.1, max_iter=50, tol=0,
                                           marginal_loss=True, log=True)
save("bapg_marginal_loss", C1=P1, C2=P2, p=pp, q=qp, T=T, epsilon=0.1, iterations=50, marginal_loss=True,
     value=float(log["gw_dist"]))
T, log = ot.gromov.BAPG_fused_gromov_wasserstein(Mp, P1, P2, pp, qp, "square_loss", epsilon=0.1, alpha=0.3,
                                                 max_iter=50, tol=0, log=True)
save("bapg_fused_alpha3", C1=P1, C2=P2, p=pp, q=qp, M=Mp, T=T, epsilon=0.1, alpha=0.3, iterations=50,
     marginal_loss=False, value=float(log["fgw_dist"]))
T, log = ot.gromov.BAPG_gromov_wasserstein(A, B, u, u, "square_loss", epsilon=0.05, max_iter=50, tol=0, log=True)
save("bapg_asymmetric", C1=A, C2=B, p=u, q=u, T=T, epsilon=0.05, iterations=50, marginal_loss=False,
     value=float(log["gw_dist"]))

# issue 25: unbalanced Sinkhorn (reg_type "kl"), masses that do not match, one and two penalties
au = rng.random(7) + 0.2
bu = 1.5 * (rng.random(5) + 0.2) / 5
Mu = ot.dist(rng.normal(size=(7, 2)), rng.normal(size=(5, 2)))
Mu /= Mu.max()
for name, reg, reg_m in [("uot_kl", 0.05, 0.5), ("uot_kl_pair", 0.1, (0.3, 2.0))]:
    P = ot.unbalanced.sinkhorn_unbalanced(au, bu, Mu, reg, reg_m, numItermax=100000, stopThr=1e-15)
    value = ot.unbalanced.sinkhorn_unbalanced2(au, bu, Mu, reg, reg_m, numItermax=100000, stopThr=1e-15)
    r1, r2 = reg_m if isinstance(reg_m, tuple) else (reg_m, reg_m)
    save(name, a=au, b=bu, M=Mu, P=P, reg=reg, reg_m1=r1, reg_m2=r2, value=float(value))

# issue 25: entropic semi-relaxed GW, plain, fused and asymmetric, 30 iterations (tol = 0)
T, log = ot.gromov.entropic_semirelaxed_gromov_wasserstein(P1, P2, pp, "square_loss", epsilon=0.1, max_iter=30, tol=0,
                                                            log=True)
save("esrgw_square_loss", C1=P1, C2=P2, p=pp, T=T, epsilon=0.1, iterations=30, value=float(log["srgw_dist"]))
T, log = ot.gromov.entropic_semirelaxed_fused_gromov_wasserstein(Mp, P1, P2, pp, "square_loss", epsilon=0.1, alpha=0.3,
                                                                  max_iter=30, tol=0, log=True)
save("esrfgw_alpha3", C1=P1, C2=P2, p=pp, M=Mp, T=T, epsilon=0.1, alpha=0.3, iterations=30,
     value=float(log["srfgw_dist"]))
T, log = ot.gromov.entropic_semirelaxed_gromov_wasserstein(A, B, u, "square_loss", epsilon=0.05, max_iter=30, tol=0,
                                                            log=True)
save("esrgw_asymmetric", C1=A, C2=B, p=u, T=T, epsilon=0.05, iterations=30, value=float(log["srgw_dist"]))

# issue 25: partial (fused) GW by conditional gradient, POT's defaults (numItermax 1e4, tol 1e-8, one dummy point)
for name, mass in [("pgw_m60", 0.6), ("pgw_m85", 0.85)]:
    T, log = ot.gromov.partial_gromov_wasserstein(P1, P2, pp, qp, m=mass, log=True)
    save(name, C1=P1, C2=P2, p=pp, q=qp, T=T, mass=mass, value=float(log["partial_gw_dist"]))
T, log = ot.gromov.partial_fused_gromov_wasserstein(Mp, P1, P2, pp, qp, m=0.7, alpha=0.3, log=True)
save("pfgw_m70_alpha3", C1=P1, C2=P2, p=pp, q=qp, M=Mp, T=T, mass=0.7, alpha=0.3, value=float(log["partial_fgw_dist"]))

# issue 25: semi-relaxed (fused) GW by conditional gradient, POT's defaults (max_iter 1e4, tol_rel = tol_abs = 1e-9)
T, log = ot.gromov.semirelaxed_gromov_wasserstein(P1, P2, pp, "square_loss", log=True)
save("srgw_cg_square_loss", C1=P1, C2=P2, p=pp, T=T, value=float(log["srgw_dist"]))
T, log = ot.gromov.semirelaxed_fused_gromov_wasserstein(Mp, P1, P2, pp, "square_loss", alpha=0.3, log=True)
save("srfgw_cg_alpha3", C1=P1, C2=P2, p=pp, M=Mp, T=T, alpha=0.3, value=float(log["srfgw_dist"]))
T, log = ot.gromov.semirelaxed_gromov_wasserstein(A, B, u, "square_loss", log=True)
save("srgw_cg_asymmetric", C1=A, C2=B, p=u, T=T, value=float(log["srgw_dist"]))

# issue 25: the plan epsilon-scaling must reach: entropic OT at a small reg (1e-3 against costs in [0, 1]),
# POT's log-domain Sinkhorn run to 1e-12
Xe = rng.normal(size=(50, 2))
Ye = rng.normal(size=(40, 2)) + 0.5
Me = ot.dist(Xe, Ye)
Me /= Me.max()
ae = rng.random(50) + 0.5
ae /= ae.sum()
be = rng.random(40) + 0.5
be /= be.sum()
P, log = ot.sinkhorn(ae, be, Me, 1e-3, method="sinkhorn_log", numItermax=10**6, stopThr=1e-12, log=True)
save("sinkhorn_log_reg1e-3", a=ae, b=be, M=Me, P=P, reg=1e-3, iterations=int(log["niter"]), value=float((P * Me).sum()))

# issue 25: fused unbalanced GW (Thual et al. 2022; POT's BCD with KL marginal penalties and the joint entropic
# term, each UOT block by unbalanced Sinkhorn): POT's defaults otherwise (100 BCD iterations, tol 1e-7, 500 Sinkhorn
# iterations at tol 1e-7)
for name, rho, eps, alpha in [("ugw_rho1_eps05", 1.0, 0.05, 0.0), ("ugw_pair_eps1", (0.5, 5.0), 0.1, 0.0),
                              ("fugw_rho1_eps05_alpha5", 1.0, 0.05, 0.5)]:
    P, Q, log = ot.gromov.fused_unbalanced_gromov_wasserstein(
        P1, P2, pp, qp, reg_marginals=rho, epsilon=eps, divergence="kl", unbalanced_solver="sinkhorn",
        alpha=alpha, M=Mp if alpha > 0 else None, log=True)
    r1, r2 = rho if isinstance(rho, tuple) else (rho, rho)
    extra = {"M": Mp} if alpha > 0 else {}
    save(name, C1=P1, C2=P2, p=pp, q=qp, T=P, Q=Q, rho1=r1, rho2=r2, epsilon=eps, alpha=alpha,
         value=float(log["fugw_cost"]), **extra)

# issue 25: sampled GW (stochastic): POT's plans over 20 seeds on one instance (30 and 25 points), as the exact GW
# value of each final plan; the Java solver is compared in distribution (its draws are its own)
Xs = rng.normal(size=(30, 2))
Ys = rng.normal(size=(25, 3))
S1 = ot.dist(Xs, Xs)
S1 /= S1.max()
S2 = ot.dist(Ys, Ys)
S2 /= S2.max()
ps, qs = ot.unif(30), ot.unif(25)
constC, hC1, hC2 = ot.gromov.init_matrix(S1, S2, ps, qs, "square_loss")
values = []
for seed in range(20):
    T = ot.gromov.sampled_gromov_wasserstein(S1, S2, ps, qs, lambda x, y: (x - y) ** 2, nb_samples_grad=100, epsilon=1,
                                             max_iter=500, random_state=seed)
    values.append(float(ot.gromov.gwloss(constC, hC1, hC2, T)))
save("sampled_gw_20_seeds", C1=S1, C2=S2, values=np.array(values), samples=100, epsilon=1.0, max_iter=500,
     exact_cg=float(ot.gromov.gromov_wasserstein2(S1, S2, ps, qs, "square_loss")))

# issue 25: low-rank GW between point clouds (Scetbon, Peyre, Cuturi 2022), POT's defaults at rank 10 (alpha 1e-10,
# gamma "rescale", costs rescaled, stopThr 1e-4, Dykstra to 1e-3); the random start (seed_init 49) is saved so that
# the Java solver can start from the same factors
Xl = rng.normal(size=(200, 2))
Yl = rng.normal(size=(150, 3))
al, bl = ot.unif(200), ot.unif(150)
Q0, R0, g0 = ot.lowrank._init_lr_sinkhorn(Xl, Yl, al, bl, 10, init="random", reg_init=None, random_state=49)
Q, R, g, log = ot.gromov.lowrank_gromov_wasserstein_samples(Xl, Yl, al, bl, rank=10, log=True)
save("lowrank_gw_rank10", X=Xl, Y=Yl, Q0=Q0, R0=R0, g0=g0, Q=Q, R=R, g=g, rank=10, value=float(log["value"]),
     value_quad=float(log["value_quad"]))

# issue 25: GW dictionary learning (its own generator, so that this block reruns alone): the linear unmixing of one
# structure onto 3 atoms (reg 0 and 0.1), and 5 full-batch epochs of learning from a given start (no random draw
# then: the batch is the whole set, in any order)
gdl = np.random.default_rng(2027)
def gdl_structure(n):
    P = gdl.normal(size=(n, 2))
    D = ot.dist(P, P)
    return D / D.max()
Cu = gdl_structure(8)
Cdict = np.maximum(0, gdl.normal(0.5, 0.3, size=(3, 5, 5)))
Cdict = 0.5 * (Cdict + Cdict.transpose(0, 2, 1))
for name, reg in [("gdl_unmix_reg0", 0.0), ("gdl_unmix_reg01", 0.1)]:
    w, Cemb, T, loss = ot.gromov.gromov_wasserstein_linear_unmixing(Cu, Cdict, reg=reg)
    save(name, C=Cu, atom0=Cdict[0], atom1=Cdict[1], atom2=Cdict[2], w=w, T=T, reg=reg, loss=float(loss))
Cs = [gdl_structure(n) for n in [6, 7, 8, 9, 6, 7, 8, 9, 6, 7, 8, 9]]
Cinit = np.maximum(0, gdl.normal(0.5, 0.2, size=(2, 5, 5)))
Cinit = 0.5 * (Cinit + Cinit.transpose(0, 2, 1))
Cbest, log = ot.gromov.gromov_wasserstein_dictionary_learning(Cs, 2, 5, epochs=5, batch_size=12, learning_rate=0.1,
                                                              Cdict_init=Cinit, random_state=0)
save("gdl_learn_full_batch", **{f"C{i}": C for i, C in enumerate(Cs)}, init0=Cinit[0], init1=Cinit[1], atom0=Cbest[0],
     atom1=Cbest[1], epoch_losses=np.array(log["loss_epochs"]), epochs=5, learning_rate=0.1)
