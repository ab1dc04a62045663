"""The baseline of bench/load.py: a bare FastAPI app with the same shape of work.

POST /api/ask validates a JSON body with pydantic and answers JSON, GET /healthz answers
a small JSON object: what the framework, JSON and the server cost without krampe's
middleware, engines, database or logging.
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Question(BaseModel):
    q: str = Field(max_length=5000)
    top: int = 5


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}


@app.post("/api/ask")
async def ask(body: Question) -> dict:
    return {"question": body.q, "answered": False, "answers": []}


@app.post("/api/triage")
async def triage(body: dict) -> dict:
    return {"text": body.get("text", ""), "level": "self_care"}
