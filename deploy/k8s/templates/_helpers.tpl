{{/*
How the services talk to each other: facts of Lectern's architecture, not settings.
kafkaClients use Kafka; calls: a service and the services it calls by URL (<NAME>_URL variables).
Every service also fetches auth-service's JWKS (LECTERN_JWKS_URI).
*/}}
{{- define "lectern.topology" -}}
kafkaClients: [auth-service, course-service, media-service, webhook-service]
calls:
  gateway: [auth-service, course-service, media-service, webhook-service]
  media-service: [course-service]
{{- end }}

{{- define "lectern.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: lectern
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "lectern.selectorLabels" . }}
{{- end }}

{{- define "lectern.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* A service's settings: the chart's defaults overlaid with services.<name>. */}}
{{- define "lectern.service" -}}
{{- $service := get .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $service)) -}}
{{- end }}

{{/* The ConfigMap data of a service: common config, its own config, then the wiring the chart owns. */}}
{{- define "lectern.config" -}}
{{- $root := .root -}}
{{- $service := get $root.Values.services .name -}}
{{- $topology := include "lectern.topology" . | fromYaml -}}
{{- $data := dict -}}
{{- range $key, $value := $root.Values.config }}{{ $_ := set $data $key (toString $value) }}{{ end -}}
{{- range $key, $value := $service.config }}{{ $_ := set $data $key (toString $value) }}{{ end -}}
{{- $_ := set $data $service.portVariable (toString $root.Values.ports.http) -}}
{{- $_ := set $data "MANAGEMENT_PORT" (toString $root.Values.ports.management) -}}
{{- $_ := set $data "LECTERN_JWKS_URI" (printf "http://auth-service:%v/.well-known/jwks.json" $root.Values.ports.http) -}}
{{- if has .name $topology.kafkaClients }}
{{- $_ := set $data "KAFKA_BOOTSTRAP_SERVERS" (toString $root.Values.kafka.bootstrapServers) -}}
{{- $_ := set $data "LECTERN_KAFKA_TOPIC_PARTITIONS" (toString $root.Values.kafka.topicPartitions) -}}
{{- $_ := set $data "LECTERN_KAFKA_TOPIC_REPLICATION_FACTOR" (toString $root.Values.kafka.topicReplicationFactor) -}}
{{- end }}
{{- range $callee := (get $topology.calls .name | default list) }}
{{- $_ := set $data (printf "%s_URL" (upper (replace "-" "_" $callee))) (printf "http://%s:%v" $callee $root.Values.ports.http) -}}
{{- end }}
{{- toYaml $data -}}
{{- end }}
