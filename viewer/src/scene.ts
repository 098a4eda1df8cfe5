/**
 * The three.js stage: renderer, perspective and orthographic cameras sharing one orbit control, a light that
 * follows the camera, and rendering on demand (nothing is drawn while nothing changes).
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

export type Projection = 'perspective' | 'orthographic';

export class Stage {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene = new THREE.Scene();
  /** Everything drawn in the cell's frame (atoms, bonds, cell, surfaces). */
  readonly content = new THREE.Group();
  private readonly perspective = new THREE.PerspectiveCamera(35, 1, 0.1, 5000);
  private readonly orthographic = new THREE.OrthographicCamera(-1, 1, 1, -1, -5000, 5000);
  private camera: THREE.PerspectiveCamera | THREE.OrthographicCamera = this.perspective;
  private readonly controls: OrbitControls;
  private readonly light = new THREE.DirectionalLight(0xffffff, 2.2);
  private frame = 0;
  private radius = 10;

  constructor(private readonly host: HTMLElement) {
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.setClearColor(0xffffff, 1);
    host.prepend(this.renderer.domElement);
    this.scene.add(this.content, new THREE.AmbientLight(0xffffff, 1.1), this.light, this.light.target);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.addEventListener('change', () => this.requestRender());
    new ResizeObserver(() => this.resize()).observe(host);
    this.resize();
  }

  requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  /** Draws immediately (screenshots and tests read the canvas right after). */
  renderNow(): void {
    this.light.position.copy(this.camera.position);
    this.light.target.position.copy(this.controls.target);
    this.renderer.render(this.scene, this.camera);
  }

  private resize(): void {
    const w = Math.max(1, this.host.clientWidth);
    const h = Math.max(1, this.host.clientHeight);
    this.renderer.setSize(w, h, false);
    this.perspective.aspect = w / h;
    this.perspective.updateProjectionMatrix();
    this.updateOrtho();
    this.requestRender();
  }

  private updateOrtho(): void {
    const w = Math.max(1, this.host.clientWidth);
    const h = Math.max(1, this.host.clientHeight);
    const half = this.radius * 1.15;
    const aspect = w / h;
    this.orthographic.left = -half * Math.max(1, aspect);
    this.orthographic.right = half * Math.max(1, aspect);
    this.orthographic.top = half / Math.min(1, aspect);
    this.orthographic.bottom = -half / Math.min(1, aspect);
    this.orthographic.updateProjectionMatrix();
  }

  /** Centres the view on a box (Å), looking along `dir` (from the camera to the centre) with `up`. */
  frameBox(box: THREE.Box3, dir = new THREE.Vector3(-1, -0.6, -0.8), up = new THREE.Vector3(0, 0, 1)): void {
    const centre = box.getCenter(new THREE.Vector3());
    this.radius = Math.max(1, box.getSize(new THREE.Vector3()).length() / 2);
    const dist = this.radius / Math.sin(THREE.MathUtils.degToRad(this.perspective.fov / 2)) * 1.05;
    for (const cam of [this.perspective, this.orthographic]) {
      cam.up.copy(up).normalize();
      cam.position.copy(centre).addScaledVector(dir.clone().normalize(), -dist);
      cam.zoom = 1;
      cam.lookAt(centre);
      cam.updateProjectionMatrix();
    }
    this.updateOrtho();
    this.controls.target.copy(centre);
    this.controls.update();
    this.requestRender();
  }

  setProjection(p: Projection): void {
    const next = p === 'perspective' ? this.perspective : this.orthographic;
    next.position.copy(this.camera.position);
    next.up.copy(this.camera.up);
    next.lookAt(this.controls.target);
    this.camera = next;
    this.controls.object = next;
    this.controls.update();
    this.requestRender();
  }

  /** The current image as a PNG blob. */
  async screenshot(): Promise<Blob> {
    this.renderNow();
    return new Promise((resolve, reject) =>
      this.renderer.domElement.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas is empty'))), 'image/png'));
  }
}
