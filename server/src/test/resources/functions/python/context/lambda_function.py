import os
import sys


def lambda_handler(event, context):
    client_context = context.client_context
    client = None if client_context is None else client_context.client
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_time_in_millis": context.get_remaining_time_in_millis(),
        "identity": {
            "cognito_identity_id": context.identity.cognito_identity_id,
            "cognito_identity_pool_id": context.identity.cognito_identity_pool_id,
        },
        "client_context": None
        if client_context is None
        else {
            "client": None
            if client is None
            else {
                "installation_id": client.installation_id,
                "app_title": client.app_title,
                "app_version_name": client.app_version_name,
                "app_version_code": client.app_version_code,
                "app_package_name": client.app_package_name,
            },
            "custom": client_context.custom,
            "env": client_context.env,
        },
        "trace_id": os.environ.get("_X_AMZN_TRACE_ID"),
        "execution_env": os.environ.get("AWS_EXECUTION_ENV"),
        "handler": os.environ.get("_HANDLER"),
        "task_root": os.environ.get("LAMBDA_TASK_ROOT"),
        "cwd": os.getcwd(),
        "sys_path": sys.path,
        "event": event,
    }
