"""The API root (`GET /api/v1/`): every endpoint, not only the router's resources.

DRF's DefaultRouter lists the viewsets registered on it; endpoints that are plain views
(`extract/`, `crosscheck/`, the change feed, the exports) and the docs and schema, which live
outside `/api/v1/`, would be missing, and a client exploring from the root would never find
them. `extra_root_entries` maps a name shown in the root to a URL name to reverse.
"""

from __future__ import annotations

from collections import OrderedDict

from django.urls import NoReverseMatch
from rest_framework import routers
from rest_framework.response import Response
from rest_framework.reverse import reverse


class ApiRootView(routers.APIRootView):
    """Every endpoint of the Sanad API, and its documentation and schema."""

    extra_entries: dict[str, str] = {}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        data = OrderedDict(response.data)
        for name, url_name in self.extra_entries.items():
            try:
                data[name] = reverse(url_name, request=request)
            except NoReverseMatch:
                continue
        return Response(data)


class ApiRouter(routers.DefaultRouter):
    def __init__(self, *args, extra_root_entries: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.extra_root_entries = dict(extra_root_entries or {})

    def get_api_root_view(self, api_urls=None):
        api_root_dict = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        return ApiRootView.as_view(api_root_dict=api_root_dict, extra_entries=self.extra_root_entries)
