"""The Python MCP SDK's client in its default mode against Outpost: prints one JSON line of what it saw.

Usage: python modern_client.py <mcp url> <bearer token>
"""
import asyncio
import json
import sys

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def main(url: str, token: str) -> None:
    requests = []

    async def record(request):
        requests.append({
            "protocol_version": request.headers.get("mcp-protocol-version"),
            "method": request.headers.get("mcp-method"),
            "session": request.headers.get("mcp-session-id"),
        })

    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, event_hooks={"request": [record]})
    async with Client(streamable_http_client(url, http_client=http)) as client:
        tools = await client.list_tools()
        created = await client.call_tool("outpost_create", {"html": "<h1>From Python</h1>", "name": "Python page"})
        page = created.structured_content
        read = await client.read_resource(f"outpost://pages/{page['id']}")
    print(json.dumps({
        "tools": sorted(t.name for t in tools.tools),
        "page": page,
        "content_types": [c.type for c in created.content],
        "resource_name": json.loads(read.contents[0].text)["name"],
        "requests": requests,
    }))


asyncio.run(main(sys.argv[1], sys.argv[2]))
