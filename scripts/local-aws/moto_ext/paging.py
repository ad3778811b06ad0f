"""Marker / NextToken paging for the Describe calls the extension serves.

moto's PaginatedResult pages by botocore's paginator model, which names no attribute identifying an
item; moto's paginator needs one to build the next token, so each call names its own here.
"""

from typing import Any

from moto.core.responses import ActionContext, ActionResult, PaginatedResult
from moto.core.utils import get_pagination_model


class PagedResult(PaginatedResult):
    def __init__(self, result: dict[str, Any], unique_attribute: str):
        super().__init__(result)
        self._unique_attribute = unique_attribute

    def execute_result(self, context: ActionContext) -> Any:
        model = get_pagination_model(str(context.service_model.service_name))
        operation = str(context.operation_model.name)
        if "unique_attribute" not in model[operation]:
            # The model is cached and shared: set the key once, for every later request too.
            model[operation]["unique_attribute"] = self._unique_attribute
        return super().execute_result(context)


__all__ = ["ActionResult", "PagedResult"]
