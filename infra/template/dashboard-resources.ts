/**
 * The operator's dashboard (template parameter `Dashboard`, on by default): per control, the
 * non-compliant resources over time, failed runs and run duration, from the metrics the engine
 * emits (shared/engine/run-metrics.ts); and how many alert and operations messages SNS delivered.
 *
 * The metrics are read with the stack as their `service` dimension (the functions get
 * POWERTOOLS_SERVICE_NAME = stack name), so two stacks in one account each see only their own.
 */
import { controls } from '#shared/controls/catalog.ts';
import { CONTROL_DIMENSION, METRICS_NAMESPACE, SERVICE_DIMENSION, type RunMetricName } from '#shared/engine/run-metrics.ts';
import { ALERT_TOPIC } from './alert-resources.ts';
import { OPERATIONS_TOPIC } from './operations-resources.ts';
import { getAtt, ref, switchParameter, type Json } from './template-parts.ts';

export const DASHBOARD_PARAMETER = 'Dashboard';
export const DASHBOARD_CONDITION = 'DeployDashboard';

export const DASHBOARD_PARAMETERS: Json = {
  [DASHBOARD_PARAMETER]: switchParameter(
    'When "true", a CloudWatch dashboard shows per control the non-compliant resources, failed runs and run duration, and the topics\' deliveries.',
    'true',
  ),
};

export const DASHBOARD_CONDITIONS: Json = {
  [DASHBOARD_CONDITION]: { 'Fn::Equals': [ref(DASHBOARD_PARAMETER), 'true'] },
};

/** CloudWatch keeps one data point per run; an hour shows each periodic run as its own point. */
const PERIOD_SECONDS = 3600;
const WIDTH = 12;
const HEIGHT = 6;

type MetricLine = (string | Record<string, unknown>)[];

function runMetric(name: RunMetricName, control: string, stat: string): MetricLine {
  return [METRICS_NAMESPACE, name, SERVICE_DIMENSION, '${AWS::StackName}', CONTROL_DIMENSION, control, { label: control, stat }];
}

function perControl(title: string, name: RunMetricName, stat: string, position: { x: number; y: number }, yLabel: string): Json {
  return {
    type: 'metric',
    ...position,
    width: WIDTH,
    height: HEIGHT,
    properties: {
      title,
      view: 'timeSeries',
      region: '${AWS::Region}',
      period: PERIOD_SECONDS,
      metrics: controls.map((control) => runMetric(name, control.id, stat)),
      yAxis: { left: { min: 0, label: yLabel, showUnits: false } },
    },
  };
}

function topicDeliveries(position: { x: number; y: number }): Json {
  const topic = (variable: string, metric: string, label: string): MetricLine => [
    'AWS/SNS',
    metric,
    'TopicName',
    `\${${variable}}`,
    { label, stat: 'Sum' },
  ];
  return {
    type: 'metric',
    ...position,
    width: WIDTH,
    height: HEIGHT,
    properties: {
      title: 'Alert and operations messages delivered and failed',
      view: 'timeSeries',
      region: '${AWS::Region}',
      period: PERIOD_SECONDS,
      metrics: [
        topic('AlertTopicName', 'NumberOfNotificationsDelivered', 'alerts delivered'),
        topic('AlertTopicName', 'NumberOfNotificationsFailed', 'alerts failed'),
        topic('OperationsTopicName', 'NumberOfNotificationsDelivered', 'operations delivered'),
        topic('OperationsTopicName', 'NumberOfNotificationsFailed', 'operations failed'),
      ],
      yAxis: { left: { min: 0, label: 'messages', showUnits: false } },
    },
  };
}

/** The widgets, with ${…} placeholders that Fn::Sub fills in. */
export function dashboardWidgets(): Json[] {
  return [
    perControl('Non-compliant resources (per run)', 'NonCompliant', 'Maximum', { x: 0, y: 0 }, 'resources'),
    perControl('Resources evaluated (per run)', 'ResourcesEvaluated', 'Maximum', { x: WIDTH, y: 0 }, 'resources'),
    perControl('Failed runs', 'RunFailed', 'Sum', { x: 0, y: HEIGHT }, 'runs'),
    perControl('Run duration (longest)', 'RunDuration', 'Maximum', { x: WIDTH, y: HEIGHT }, 'milliseconds'),
    topicDeliveries({ x: 0, y: 2 * HEIGHT }),
  ];
}

export function dashboardResources(): Json {
  return {
    OperationsDashboard: {
      Type: 'AWS::CloudWatch::Dashboard',
      Condition: DASHBOARD_CONDITION,
      Properties: {
        DashboardName: { 'Fn::Sub': '${AWS::StackName}-elasticache-config-rules' },
        DashboardBody: {
          'Fn::Sub': [
            JSON.stringify({ start: '-P7D', widgets: dashboardWidgets() }),
            { AlertTopicName: getAtt(ALERT_TOPIC, 'TopicName'), OperationsTopicName: getAtt(OPERATIONS_TOPIC, 'TopicName') },
          ],
        },
      },
    },
  };
}
