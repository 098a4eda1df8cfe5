/**
 * The three.js stage: renderer, orthographic (default, as crystal figures are drawn) and perspective cameras
 * sharing one orbit control, a light that follows the camera, and rendering on demand. Framing fits a set of
 * points (cell corners, atoms with their radii) in the view, whatever the aspect ratio of the screen or the export.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { liveContext } from './gl-context.js';

export type Projection = 'perspective' | 'orthographic';

/** Content extent in the camera's right/up/forward basis around the orbit target (Å). */
interface Fit {
  halfW: number;
  halfH: number;
  radius: number;
}

export class Stage {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene = new THREE.Scene();
  /** Everything drawn in the cell's frame (atoms, bonds, cell, surfaces). */
  readonly content = new THREE.Group();
  private readonly perspective = new THREE.PerspectiveCamera(30, 1, 0.1, 5000);
  private readonly orthographic = new THREE.OrthographicCamera(-1, 1, 1, -1, -5000, 5000);
  private cam: THREE.PerspectiveCamera | THREE.OrthographicCamera = this.orthographic;
  readonly controls: OrbitControls;
  private readonly light = new THREE.DirectionalLight(0xffffff, 2.2);
  private pendingFrame = 0;
  /** Frames asked for while held wait for release() (see hold()). */
  private held = false;
  private wanted = false;
  private fit: Fit = { halfW: 5, halfH: 5, radius: 7 };
  /** Spheres (centre, radius in Å) that must stay in view: cell corners (r = 0) and atoms; framing fits them. */
  private points: { p: THREE.Vector3; r: number }[] = [];
  /** Called after every render (the overlay follows the camera). */
  onRender: () => void = () => undefined;

  constructor(private readonly host: HTMLElement) {
    const live = liveContext();
    this.renderer = new THREE.WebGLRenderer(live ? { canvas: live.canvas, context: live.gl, antialias: live.antialias, preserveDrawingBuffer: true }
      : { antialias: true, preserveDrawingBuffer: true });
    // tests and users can see which path the view took
    Object.assign(document.body.dataset, { renderer: live?.renderer ?? '', antialias: String(live?.antialias ?? true) });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.setClearColor(0xffffff, 1);
    host.prepend(this.renderer.domElement);
    this.scene.add(this.content, new THREE.AmbientLight(0xffffff, 1.1), this.light, this.light.target);
    this.controls = new OrbitControls(this.cam, this.renderer.domElement);
    this.controls.addEventListener('change', () => this.requestRender());
    new ResizeObserver(() => this.resize()).observe(host);
    this.resize();
  }

  get camera(): THREE.PerspectiveCamera | THREE.OrthographicCamera {
    return this.cam;
  }

  get projection(): Projection {
    return this.cam === this.orthographic ? 'orthographic' : 'perspective';
  }

  get size(): { width: number; height: number } {
    return { width: Math.max(1, this.host.clientWidth), height: Math.max(1, this.host.clientHeight) };
  }

  /**
   * Defers requested frames until release(): the viewer holds them until its first surfaces are in, as a frame of
   * the atoms alone would take the CPU (software WebGL) from the workers computing those surfaces. Released after
   * `maxMs` anyway, so a slow first mesh still shows the structure meanwhile.
   */
  hold(maxMs: number): void {
    this.held = true;
    setTimeout(() => this.release(), maxMs);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.wanted) this.requestRender();
  }

  requestRender(): void {
    if (this.held) {
      this.wanted = true;
      return;
    }
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.renderNow();
    });
  }

  /** Draws immediately (screenshots and tests read the canvas right after). */
  renderNow(): void {
    this.held = this.wanted = false;
    this.light.position.copy(this.cam.position);
    this.light.target.position.copy(this.controls.target);
    this.renderer.render(this.scene, this.cam);
    this.onRender();
  }

  private resize(): void {
    const { width, height } = this.size;
    this.renderer.setSize(width, height, false);
    this.shapeCameras(this.perspective, this.orthographic, width / height, this.fit);
    this.requestRender();
  }

  /** Sets both cameras' frusta for `aspect` so that `fit` is inside (ortho) / the bounding sphere is (perspective). */
  private shapeCameras(p: THREE.PerspectiveCamera, o: THREE.OrthographicCamera, aspect: number, fit: Fit): void {
    p.aspect = aspect;
    p.updateProjectionMatrix();
    const margin = 1.08;
    const halfH = Math.max(fit.halfH, fit.halfW / aspect) * margin;
    o.left = -halfH * aspect;
    o.right = halfH * aspect;
    o.top = halfH;
    o.bottom = -halfH;
    o.updateProjectionMatrix();
  }

  /** Extent of the points seen from a camera orientation (right/up axes), about `centre`. */
  private measure(quaternion: THREE.Quaternion, centre: THREE.Vector3): Fit & { centre: THREE.Vector3 } {
    const right = new THREE.Vector3(1, 0, 0).applyQuaternion(quaternion);
    const up = new THREE.Vector3(0, 1, 0).applyQuaternion(quaternion);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, r = 0;
    const d = new THREE.Vector3();
    for (const { p, r: rad } of this.points) {
      d.subVectors(p, centre);
      const x = d.dot(right), y = d.dot(up);
      x0 = Math.min(x0, x - rad); x1 = Math.max(x1, x + rad); y0 = Math.min(y0, y - rad); y1 = Math.max(y1, y + rad);
      r = Math.max(r, d.length() + rad);
    }
    if (!Number.isFinite(x0)) return { halfW: 5, halfH: 5, radius: 7, centre };
    const shifted = centre.clone().addScaledVector(right, (x0 + x1) / 2).addScaledVector(up, (y0 + y1) / 2);
    return { halfW: Math.max(0.5, (x1 - x0) / 2), halfH: Math.max(0.5, (y1 - y0) / 2), radius: Math.max(1, r), centre: shifted };
  }

  /** The spheres to keep in view (Å): call before frame(). */
  setContentPoints(points: { p: THREE.Vector3; r: number }[]): void {
    this.points = points;
  }

  /** Looks along `dir` (from the camera to the content) with `up`, fitting every content point. */
  frame(dir: THREE.Vector3, up: THREE.Vector3): void {
    const box = new THREE.Box3().setFromPoints(this.points.length ? this.points.map((x) => x.p) : [new THREE.Vector3()]);
    const centre = box.getCenter(new THREE.Vector3());
    const look = dir.clone().normalize();
    const upv = up.clone().addScaledVector(look, -up.dot(look));
    if (upv.lengthSq() < 1e-12) upv.set(look.z === 0 ? 0 : 1, look.z === 0 ? 0 : 0, look.z === 0 ? 1 : 0);
    upv.normalize();
    const q = new THREE.Quaternion().setFromRotationMatrix(new THREE.Matrix4().lookAt(new THREE.Vector3(), look, upv));
    const m = this.measure(q, centre);
    this.fit = m;
    const dist = m.radius / Math.sin(THREE.MathUtils.degToRad(this.perspective.fov / 2)) * 1.1;
    for (const cam of [this.perspective, this.orthographic]) {
      cam.up.copy(upv);
      cam.position.copy(m.centre).addScaledVector(look, -dist);
      cam.zoom = 1;
      cam.lookAt(m.centre);
    }
    const { width, height } = this.size;
    this.shapeCameras(this.perspective, this.orthographic, width / height, m);
    this.controls.target.copy(m.centre);
    this.controls.update();
    this.requestRender();
  }

  setProjection(p: Projection): void {
    const next = p === 'perspective' ? this.perspective : this.orthographic;
    next.position.copy(this.cam.position);
    next.up.copy(this.cam.up);
    next.lookAt(this.controls.target);
    this.cam = next;
    this.controls.object = next;
    this.controls.update();
    this.requestRender();
  }

  /**
   * A camera for an image of aspect `aspect`: the current orientation, target and zoom, its frustum re-fitted to
   * the content seen from there (so an export of another shape still holds the cell and every atom). With
   * `reserveTop` (a fraction of the height) an orthographic view keeps the content below a band of that height.
   */
  exportCamera(aspect: number, reserveTop = 0): THREE.PerspectiveCamera | THREE.OrthographicCamera {
    const cam = this.cam.clone();
    const target = this.controls.target.clone();
    const fit = this.measure(cam.quaternion, target);
    const right = new THREE.Vector3(1, 0, 0).applyQuaternion(cam.quaternion);
    const up = new THREE.Vector3(0, 1, 0).applyQuaternion(cam.quaternion);
    const off = fit.centre.clone().sub(target);
    if (cam instanceof THREE.OrthographicCamera) {
      // content box about the target: [cx − halfW, cx + halfW] × [cy − halfH, cy + halfH]
      const cx = off.dot(right), cy = off.dot(up);
      const m = 1.08;
      const h = fit.halfH * m, w = fit.halfW * m;
      const height = Math.max(2 * h / (1 - reserveTop), (2 * w) / aspect);
      const bottom = cy - h - (height * (1 - reserveTop) - 2 * h) / 2;
      Object.assign(cam, { left: cx - (height * aspect) / 2, right: cx + (height * aspect) / 2, bottom, top: bottom + height });
    } else {
      cam.aspect = aspect;
    }
    cam.updateProjectionMatrix();
    return cam;
  }

  /** Screen position (px, y down) of a point for a camera and an image size. */
  static project(p: THREE.Vector3, cam: THREE.Camera, width: number, height: number): [number, number, number] {
    const v = p.clone().project(cam);
    return [(v.x + 1) / 2 * width, (1 - v.y) / 2 * height, v.z];
  }
}
