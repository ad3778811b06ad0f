"""ElastiCache errors moto lacks, with the wire codes of botocore's model (`error.code`)."""

from moto.elasticache.exceptions import ElastiCacheException


class UserGroupNotFound(ElastiCacheException):
    code = "UserGroupNotFound"

    def __init__(self, user_group_id: str):
        super().__init__(f"User group {user_group_id} not found.")


class UserGroupAlreadyExists(ElastiCacheException):
    code = "UserGroupAlreadyExists"

    def __init__(self, user_group_id: str):
        super().__init__(f"User group {user_group_id} already exists.")


class DefaultUserRequired(ElastiCacheException):
    code = "DefaultUserRequired"

    def __init__(self) -> None:
        super().__init__("User group needs to contain a user with the user name default.")


class DuplicateUserName(ElastiCacheException):
    code = "DuplicateUserName"

    def __init__(self, user_name: str):
        super().__init__(f"User group cannot contain two users named {user_name}.")


class InvalidUserGroupState(ElastiCacheException):
    code = "InvalidUserGroupState"


class ServerlessCacheNotFound(ElastiCacheException):
    code = "ServerlessCacheNotFoundFault"

    def __init__(self, name: str):
        super().__init__(f"Serverless cache {name} not found.")


class ServerlessCacheAlreadyExists(ElastiCacheException):
    code = "ServerlessCacheAlreadyExistsFault"

    def __init__(self, name: str):
        super().__init__(f"Serverless cache {name} already exists.")


class InvalidServerlessCacheState(ElastiCacheException):
    code = "InvalidServerlessCacheStateFault"

    def __init__(self, name: str, status: str):
        super().__init__(f"Serverless cache {name} is not in available state (it is {status}).")


class InvalidReplicationGroupState(ElastiCacheException):
    code = "InvalidReplicationGroupState"


class NoOperation(ElastiCacheException):
    code = "NoOperationFault"


# moto finds an exception's service model from its module path (`moto.<service>.…`); this package's
# name also starts with "moto", so without this it would look for a service called "errors".
for _error in (UserGroupNotFound, UserGroupAlreadyExists, DefaultUserRequired, DuplicateUserName,
               InvalidUserGroupState, ServerlessCacheNotFound, ServerlessCacheAlreadyExists,
               InvalidServerlessCacheState, InvalidReplicationGroupState, NoOperation):
    _error.__module__ = "moto.elasticache.exceptions"
