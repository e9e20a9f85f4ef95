"""The OpenAI Responses API (`POST /v1/responses`): bridged onto chat completions, or passed through."""
