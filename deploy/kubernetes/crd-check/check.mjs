// Reads a JSON array of Kubernetes objects on stdin and validates each CloudNativePG Cluster, PrometheusRule and
// ServiceMonitor against its operator's CRD schema (the @kubernetes-models validators, compiled from the CRDs'
// openAPIV3Schema). Prints one JSON line per object: {"object": "Kind/name", "errors": [...]}; other kinds are
// reported as {"object": ..., "unchecked": true}. Exit code 0 always: CrdSchemasTest decides.
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';

const MODELS = {
  'postgresql.cnpg.io/v1 Cluster': Cluster,
  'monitoring.coreos.com/v1 PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1 ServiceMonitor': ServiceMonitor,
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
for (const object of JSON.parse(input)) {
  const name = `${object.kind}/${object.metadata?.name}`;
  const Model = MODELS[`${object.apiVersion} ${object.kind}`];
  if (!Model) {
    console.log(JSON.stringify({ object: name, unchecked: true }));
    continue;
  }
  try {
    new Model(object).validate();
    console.log(JSON.stringify({ object: name, errors: [] }));
  } catch (e) {
    console.log(JSON.stringify({ object: name, errors: String(e.message).split('\n') }));
  }
}
