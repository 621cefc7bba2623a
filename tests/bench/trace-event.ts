/** One event of a Chromium trace, as the browser benchmarks read it (Tracing.dataCollected). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The time the thread ran during the event (CPU time), in µs. */
  tdur?: number;
  args?: { name?: string; src_file?: string; task?: { posted_from?: { file_name?: string } } };
}
