"""Brokerage: Burt's constraint and effective size, and who holds parts together.

Brokers span structural holes and hear more good ideas (Burt 2004). The formulas are those
in docs/science.md and in networkx (``nx.constraint``, ``nx.effective_size``), which are
cubic in an ego's degree. Here both are one masked sparse product over the whole graph,
done in row blocks to bound memory, with values equal to networkx's (tested to 1e-9).

The graph is undirected: ``adjacency`` is a symmetric scipy sparse matrix of tie weights
(1 for unweighted ties), zero diagonal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

BLOCK_ROWS = 2048


def adjacency_from_edges(
    n: int, edges: Iterable[tuple[int, int]], weights: Sequence[float] | None = None
) -> sp.csr_matrix:
    """A symmetric weighted adjacency matrix; a pair given twice keeps its largest weight."""
    pairs = np.asarray(list(edges), dtype=np.int64).reshape(-1, 2)
    w = np.ones(len(pairs)) if weights is None else np.asarray(weights, dtype=float)
    keep = pairs[:, 0] != pairs[:, 1]
    low = np.minimum(pairs[keep, 0], pairs[keep, 1])
    high = np.maximum(pairs[keep, 0], pairs[keep, 1])
    w = w[keep]
    key = low * n + high
    order = np.lexsort((-w, key))
    first = np.unique(key[order], return_index=True)[1]
    idx = order[first]
    rows = np.concatenate([low[idx], high[idx]])
    cols = np.concatenate([high[idx], low[idx]])
    data = np.concatenate([w[idx], w[idx]])
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
    matrix.sort_indices()
    return matrix


def _proportions(adjacency: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray]:
    """p_ij = a_ij / Σ_k a_ik (for a symmetric a this equals science.md's p_ij), degree."""
    totals = np.asarray(adjacency.sum(axis=1)).ravel()
    inverse = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
    return sp.csr_matrix(sp.diags(inverse) @ adjacency), np.diff(adjacency.indptr)


def _masked_row_sums(
    left: sp.csr_matrix, right: sp.csr_matrix, mask: sp.csr_matrix, combine: str
) -> np.ndarray:
    """Row sums of f((left @ right) restricted to mask's pattern), block by block.

    ``combine`` is "constraint" (Σ_j (p_ij + (PP)_ij)², with ``mask`` = P) or
    "redundancy" (Σ_q p_iq (BM)_iq, with ``mask`` = P).
    """
    n = left.shape[0]
    out = np.zeros(n)
    for start in range(0, n, BLOCK_ROWS):
        stop = min(n, start + BLOCK_ROWS)
        product = (left[start:stop] @ right).tocsr()
        block_mask = mask[start:stop]
        pattern = block_mask.copy()
        pattern.data = np.ones_like(pattern.data)
        indirect = product.multiply(pattern).tocsr()
        if combine == "constraint":
            total = (block_mask + indirect).tocsr()
            total.data **= 2
            out[start:stop] = np.asarray(total.sum(axis=1)).ravel()
        else:
            out[start:stop] = np.asarray(indirect.multiply(block_mask).sum(axis=1)).ravel()
    return out


def constraint(adjacency: sp.csr_matrix) -> np.ndarray:
    """Burt's constraint per node (NaN for isolated nodes); low means broker."""
    p, degree = _proportions(adjacency)
    values = _masked_row_sums(p, p, p, "constraint")
    values[degree == 0] = np.nan
    return values


def effective_size(adjacency: sp.csr_matrix) -> np.ndarray:
    """Burt's effective size per node (NaN for isolated nodes)."""
    if adjacency.shape[0] == 0:
        return np.zeros(0)
    p, degree = _proportions(adjacency)
    maxima = adjacency.max(axis=1).toarray().ravel()
    inverse = np.divide(1.0, maxima, out=np.zeros_like(maxima), where=maxima > 0)
    m = sp.csr_matrix(sp.diags(inverse) @ adjacency)
    pattern = adjacency.copy()
    pattern.data = np.ones_like(pattern.data)
    # ES_i = Σ_j [1 - Σ_q p_iq m_jq] = deg_i - Σ_q p_iq (B·M)_iq over q in N(i).
    redundancy = _masked_row_sums(pattern, m, p, "redundancy")
    values = degree.astype(float) - redundancy
    values[degree == 0] = np.nan
    return values


def _ego_matrices(
    alter_weights: np.ndarray, among: sp.csr_matrix
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    n = len(alter_weights)
    ego_row = sp.csr_matrix(np.asarray(alter_weights, dtype=float).reshape(1, n))
    full = sp.bmat([[None, ego_row], [ego_row.T, among]], format="csr")
    p, _ = _proportions(full)
    return full, p


def ego_local_constraints(alter_weights: np.ndarray, among: sp.csr_matrix) -> np.ndarray:
    """c_ij of the ego (i) for each alter j, in the alters' order."""
    _, p = _ego_matrices(alter_weights, among)
    first = p[0:1]
    indirect = (first @ p).multiply(first.astype(bool)).tocsr()
    local = (first + indirect).toarray().ravel()[1:]
    return np.asarray(local**2)


def ego_constraint(alter_weights: np.ndarray, among: sp.csr_matrix) -> tuple[float, float]:
    """Constraint and effective size of an ego tied to every alter.

    ``alter_weights[j]`` is the ego's tie to alter j (> 0); ``among`` the ties between
    alters. Equal to networkx on the ego network, in one pass over the alters' ties.
    """
    full, p = _ego_matrices(alter_weights, among)
    first = p[0:1]
    c = float(ego_local_constraints(alter_weights, among).sum())
    maxima = full.max(axis=1).toarray().ravel()
    m = sp.csr_matrix(sp.diags(1.0 / np.where(maxima > 0, maxima, 1.0)) @ full)
    pattern = first.astype(bool).astype(float)
    redundancy = float((pattern @ m).multiply(first).sum())
    return c, float(len(alter_weights)) - redundancy


@dataclass(frozen=True, slots=True)
class CutPoint:
    """A person whose absence splits the known ties into parts."""

    node: int
    separated: int  # persons cut off from the largest remaining part without them


def cut_points(adjacency: sp.csr_matrix, limit: int = 25) -> list[CutPoint]:
    """Persons who bridge otherwise separate parts, most persons cut off first.

    One iterative depth-first search (Hopcroft-Tarjan) over the sparse rows: a person v
    cuts off the subtree below a child c when nothing below c reaches above v. Removing v
    splits its component into those subtrees and the rest.
    """
    indptr = adjacency.indptr.tolist()
    indices = adjacency.indices.tolist()
    n = adjacency.shape[0]
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    found: list[CutPoint] = []
    clock = [0]
    for root in range(n):
        if disc[root] >= 0 or indptr[root] == indptr[root + 1]:
            continue
        found += _search(root, indptr, indices, disc, low, size, clock)
    found.sort(key=lambda c: (-c.separated, c.node))
    return found[:limit]


def _search(
    root: int, indptr: list[int], indices: list[int], disc: list[int], low: list[int],
    size: list[int], counter: list[int],
) -> list[CutPoint]:  # fmt: skip
    clock = counter[0]
    parts: dict[int, list[int]] = {}
    order = [root]
    disc[root] = low[root] = clock
    stack = [(root, -1, indptr[root])]
    while stack:
        v, parent, edge = stack[-1]
        if edge < indptr[v + 1]:
            stack[-1] = (v, parent, edge + 1)
            w = indices[edge]
            if disc[w] < 0:
                clock += 1
                disc[w] = low[w] = clock
                order.append(w)
                stack.append((w, v, indptr[w]))
            elif w != parent:
                low[v] = min(low[v], disc[w])
            continue
        stack.pop()
        if parent >= 0:
            low[parent] = min(low[parent], low[v])
            size[parent] += size[v]
            if low[v] >= disc[parent]:
                parts.setdefault(parent, []).append(size[v])
    counter[0] = clock + 1
    total = len(order)
    out: list[CutPoint] = []
    for v, below in parts.items():
        if v == root and len(below) < 2:
            continue
        pieces = [*below, total - 1 - sum(below)]
        out.append(CutPoint(v, total - 1 - max(pieces)))
    return out
