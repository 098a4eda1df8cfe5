/** Vite's inline-worker import: a constructor of a Worker started from a Blob URL. */
declare module '*?worker&inline' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}
