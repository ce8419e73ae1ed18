/** The lineage graph: vertices are node ids (qualified by subflow instance), edges mean "data at A can reach B". */
export interface Sink {
  kind: 'export' | 'actuator';
  sink: string;
}

export interface LineageGraph {
  edges: Map<string, Set<string>>;
  /** Datasource vertices -> their clientid. */
  sources: Map<string, string>;
  sinks: Map<string, Sink>;
}
