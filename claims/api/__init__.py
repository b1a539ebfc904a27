"""The API's write and feed endpoints added for REST clients (issue 14).

One module per resource: `documents` (POST an article), `jobs` (batch ingestion), `facts`
(a curator's resolution, with If-Match), `revisions` (the change feed), `exports` (claims as
CSV, JSON Lines and Web Annotations, streamed), `tokens` (a token for a username and password),
`root` (the API root that lists every endpoint). `claims.api_urls` mounts them.
"""
