// @ts-check
/**
 * AWS services a role can trust, with the use cases AWS's "Create role → AWS service" page offers
 * for them. The principals (`<service>.amazonaws.com`) are the ones AWS documents for each
 * service's role trust policies ("AWS services that work with IAM" in the IAM User Guide, and each
 * service's "service role" page); the service names follow the Service Authorization Reference's
 * list kept in ../shared/reference/service-authorization/service-prefixes.txt. Data only: the
 * wizard (create-role.js) shows it as a searchable list.
 *
 * @typedef {{ name: string, principal: string, useCases: string[], actions?: string[] }} ServicePrincipal
 */

/** @type {ServicePrincipal[]} */
export const SERVICE_PRINCIPALS = [
  {
    name: 'EC2',
    principal: 'ec2.amazonaws.com',
    useCases: ['Allows EC2 instances to call AWS services on your behalf (instance profile).'],
  },
  { name: 'Lambda', principal: 'lambda.amazonaws.com', useCases: ['Allows Lambda functions to call AWS services on your behalf.'] },
  {
    name: 'Elastic Container Service (tasks)',
    principal: 'ecs-tasks.amazonaws.com',
    useCases: ['Allows ECS tasks to call AWS services on your behalf (task role, task execution role).'],
  },
  { name: 'Elastic Container Service', principal: 'ecs.amazonaws.com', useCases: ['Allows ECS to manage your cluster.'] },
  {
    name: 'EKS Pod Identity',
    principal: 'pods.eks.amazonaws.com',
    useCases: ['Allows pods of an EKS cluster to assume the role (EKS Pod Identity; sessions are tagged).'],
    actions: ['sts:AssumeRole', 'sts:TagSession'],
  },
  {
    name: 'Elastic Kubernetes Service',
    principal: 'eks.amazonaws.com',
    useCases: ['EKS cluster role: allows EKS to manage clusters on your behalf.'],
  },
  {
    name: 'EKS node groups (EC2)',
    principal: 'ec2.amazonaws.com',
    useCases: ['Allows EKS worker nodes to call AWS services on your behalf.'],
  },
  { name: 'Step Functions', principal: 'states.amazonaws.com', useCases: ['Allows Step Functions state machines to call AWS services.'] },
  {
    name: 'CloudFormation',
    principal: 'cloudformation.amazonaws.com',
    useCases: ['Allows CloudFormation to create and manage AWS stacks and resources (service role).'],
  },
  { name: 'CodeBuild', principal: 'codebuild.amazonaws.com', useCases: ['Allows CodeBuild to call AWS services on your behalf.'] },
  { name: 'CodePipeline', principal: 'codepipeline.amazonaws.com', useCases: ['Allows CodePipeline to call AWS services on your behalf.'] },
  { name: 'CodeDeploy', principal: 'codedeploy.amazonaws.com', useCases: ['Allows CodeDeploy to call AWS services such as Auto Scaling.'] },
  { name: 'Glue', principal: 'glue.amazonaws.com', useCases: ['Allows Glue to call AWS services on your behalf (crawlers, jobs).'] },
  {
    name: 'SageMaker',
    principal: 'sagemaker.amazonaws.com',
    useCases: ['Allows SageMaker notebooks, training jobs and endpoints to call AWS services.'],
  },
  { name: 'EventBridge', principal: 'events.amazonaws.com', useCases: ['Allows EventBridge rules to invoke targets on your behalf.'] },
  {
    name: 'EventBridge Scheduler',
    principal: 'scheduler.amazonaws.com',
    useCases: ['Allows EventBridge Scheduler to invoke targets on a schedule.'],
  },
  {
    name: 'API Gateway',
    principal: 'apigateway.amazonaws.com',
    useCases: ['Allows API Gateway to push logs to CloudWatch Logs and call integrations.'],
  },
  { name: 'Batch', principal: 'batch.amazonaws.com', useCases: ['Allows Batch to manage compute environments on your behalf.'] },
  {
    name: 'Elastic MapReduce',
    principal: 'elasticmapreduce.amazonaws.com',
    useCases: ['Allows EMR to access other AWS services on your behalf.'],
  },
  { name: 'Firehose', principal: 'firehose.amazonaws.com', useCases: ['Allows Firehose streams to deliver data on your behalf.'] },
  {
    name: 'Kinesis Analytics',
    principal: 'kinesisanalytics.amazonaws.com',
    useCases: ['Allows Managed Service for Apache Flink applications to read and write streams.'],
  },
  {
    name: 'Redshift',
    principal: 'redshift.amazonaws.com',
    useCases: ['Allows Redshift clusters to call AWS services (COPY, UNLOAD, Spectrum).'],
  },
  { name: 'RDS', principal: 'rds.amazonaws.com', useCases: ['Allows RDS to call AWS services (enhanced monitoring, S3 import/export).'] },
  {
    name: 'RDS enhanced monitoring',
    principal: 'monitoring.rds.amazonaws.com',
    useCases: ['Allows RDS to send enhanced monitoring metrics to CloudWatch Logs.'],
  },
  { name: 'DataSync', principal: 'datasync.amazonaws.com', useCases: ['Allows DataSync to access your S3 buckets.'] },
  { name: 'Backup', principal: 'backup.amazonaws.com', useCases: ['Allows AWS Backup to create and restore backups.'] },
  {
    name: 'Systems Manager',
    principal: 'ssm.amazonaws.com',
    useCases: ['Allows Systems Manager (automation, hybrid activations) to call AWS services.'],
  },
  {
    name: 'S3 (replication, batch operations)',
    principal: 's3.amazonaws.com',
    useCases: ['Allows S3 to replicate objects between buckets.'],
  },
  {
    name: 'S3 Batch Operations',
    principal: 'batchoperations.s3.amazonaws.com',
    useCases: ['Allows S3 Batch Operations jobs to act on objects.'],
  },
  {
    name: 'Application Auto Scaling (DynamoDB, ECS, …)',
    principal: 'application-autoscaling.amazonaws.com',
    useCases: ['Allows Application Auto Scaling to scale targets.'],
  },
  {
    name: 'Auto Scaling',
    principal: 'autoscaling.amazonaws.com',
    useCases: ['Allows EC2 Auto Scaling to launch and terminate instances.'],
  },
  {
    name: 'Elastic Beanstalk',
    principal: 'elasticbeanstalk.amazonaws.com',
    useCases: ['Allows Elastic Beanstalk to manage environments (service role).'],
  },
  { name: 'CloudTrail', principal: 'cloudtrail.amazonaws.com', useCases: ['Allows CloudTrail to deliver events to CloudWatch Logs.'] },
  {
    name: 'CloudWatch Logs',
    principal: 'logs.amazonaws.com',
    useCases: ['Allows CloudWatch Logs subscriptions to deliver to Kinesis or Firehose.'],
  },
  { name: 'Config', principal: 'config.amazonaws.com', useCases: ['Allows AWS Config to record your resources’ configuration.'] },
  { name: 'DMS', principal: 'dms.amazonaws.com', useCases: ['Allows Database Migration Service to manage its VPC and endpoints.'] },
  { name: 'Amplify', principal: 'amplify.amazonaws.com', useCases: ['Allows Amplify to deploy backend resources.'] },
  { name: 'AppSync', principal: 'appsync.amazonaws.com', useCases: ['Allows AppSync resolvers to reach data sources.'] },
  {
    name: 'Bedrock',
    principal: 'bedrock.amazonaws.com',
    useCases: ['Allows Bedrock (model customisation, agents, knowledge bases) to call AWS services.'],
  },
  { name: 'SNS', principal: 'sns.amazonaws.com', useCases: ['Allows SNS to write delivery status logs to CloudWatch Logs.'] },
  { name: 'Transfer Family', principal: 'transfer.amazonaws.com', useCases: ['Allows Transfer Family users to reach S3 or EFS.'] },
  { name: 'IoT', principal: 'iot.amazonaws.com', useCases: ['Allows IoT rules to call AWS services.'] },
  { name: 'MediaConvert', principal: 'mediaconvert.amazonaws.com', useCases: ['Allows MediaConvert jobs to read and write S3.'] },
  {
    name: 'Elastic Transcoder',
    principal: 'elastictranscoder.amazonaws.com',
    useCases: ['Allows Elastic Transcoder pipelines to read and write S3.'],
  },
  { name: 'Athena', principal: 'athena.amazonaws.com', useCases: ['Allows Athena (federated queries, notebooks) to call AWS services.'] },
  { name: 'Lake Formation', principal: 'lakeformation.amazonaws.com', useCases: ['Allows Lake Formation to register S3 locations.'] },
  {
    name: 'Cognito user pools (SMS)',
    principal: 'cognito-idp.amazonaws.com',
    useCases: ['Allows Cognito user pools to send SMS through SNS.'],
  },
  {
    name: 'Service Catalog',
    principal: 'servicecatalog.amazonaws.com',
    useCases: ['Allows Service Catalog to launch products (launch constraint).'],
  },
  { name: 'OpsWorks', principal: 'opsworks.amazonaws.com', useCases: ['Allows OpsWorks to manage stacks.'] },
];
