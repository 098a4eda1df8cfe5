/**
 * Convergence verdicts of a run from its parameters: SCF per ionic step (fewer iterations than NELM) and the
 * ionic loop (EDIFFG: negative = force criterion on free atoms, positive = energy change between the last steps).
 * https://www.vasp.at/wiki/index.php/EDIFFG, https://www.vasp.at/wiki/index.php/NELM
 */

export interface IonicVerdict {
  /** null when the question does not apply (static run, phonons). */
  readonly converged: boolean | null;
  /** What was compared, for humans: 'max force 0.0016 ≤ |EDIFFG| 0.01 eV/Å'. */
  readonly criterion: string;
}

export interface IonicInputs {
  readonly ibrion?: number;
  readonly nsw?: number;
  readonly ediffg?: number;
  /** Free energies (TOTEN) of the completed steps, eV. */
  readonly freeEnergies_eV: readonly number[];
  /** Largest residual force on free atoms at the last step, eV/Å. */
  readonly maxForce_eVPerA?: number;
  /** False when the run did not end normally (a relaxation cut short has not converged). */
  readonly finished: boolean;
}

/** SCF of one ionic step converged: VASP stops at NELM iterations whether converged or not. */
export function scfConverged(scfSteps: number, nelm: number | undefined): boolean | undefined {
  return nelm === undefined || !Number.isFinite(nelm) ? undefined : scfSteps < nelm;
}

export function ionicVerdict(p: IonicInputs): IonicVerdict {
  const steps = p.freeEnergies_eV.length;
  const nsw = p.nsw ?? 0;
  if (nsw <= 0 || p.ibrion === undefined || p.ibrion < 0) return { converged: null, criterion: 'static run (NSW = 0 or IBRION = -1)' };
  if (p.ibrion === 0) return { converged: steps >= nsw, criterion: `molecular dynamics: ${steps} of NSW = ${nsw} steps done` };
  if (p.ibrion > 3) return { converged: null, criterion: `IBRION = ${p.ibrion} (finite differences / linear response): no ionic convergence` };
  if (steps === 0) return { converged: false, criterion: 'no ionic step completed' };
  const ediffg = p.ediffg ?? (p.ediffg === 0 ? 0 : undefined);
  if (ediffg !== undefined && ediffg < 0) {
    const f = p.maxForce_eVPerA;
    if (f === undefined) return { converged: null, criterion: 'force criterion (EDIFFG < 0) but no forces read' };
    const ok = f <= Math.abs(ediffg);
    return { converged: ok, criterion: `max force on free atoms ${fmt(f)} ${ok ? '≤' : '>'} |EDIFFG| ${Math.abs(ediffg)} eV/Å` };
  }
  const limit = ediffg ?? 0;
  if (steps >= 2) {
    const dE = Math.abs(p.freeEnergies_eV[steps - 1] - p.freeEnergies_eV[steps - 2]);
    const ok = dE < limit;
    return { converged: ok, criterion: `energy change of the last step ${fmt(dE)} ${ok ? '<' : '≥'} EDIFFG ${limit} eV` };
  }
  // one step: VASP only stops before NSW when the criterion was met
  const stoppedEarly = p.finished && steps < nsw;
  return { converged: stoppedEarly, criterion: `1 step of NSW = ${nsw}${stoppedEarly ? ', stopped early by VASP' : ''}` };
}

function fmt(x: number): string {
  return x === 0 ? '0' : Math.abs(x) >= 1e-3 ? x.toFixed(4) : x.toExponential(2);
}
