# CheckTraining.Mcp as a container. Two targets:
#
#   server (default): the Native AOT binary alone on a small runtime-deps base, non-root. W&B tools work; the Modal tools
#     need the `modal` CLI, so use the next target for them.
#       docker build -t check-training .
#       docker run -i --rm -e WANDB_API_KEY -e WANDB_ENTITY -e WANDB_PROJECT check-training
#
#   modal: the same binary plus Python and a pinned `modal` CLI, so get_app_status, check_training's app view and
#     pull_checkpoint work in the container. Modal credentials come from the environment; checkpoints land in a volume.
#       docker build --target modal -t check-training:modal .
#       docker run -i --rm -e WANDB_API_KEY -e WANDB_ENTITY -e WANDB_PROJECT \
#         -e MODAL_TOKEN_ID -e MODAL_TOKEN_SECRET -v "$PWD/checkpoints:/home/app/checkpoints" check-training:modal
#
# stdio is the default: always `-i`, never `-t` (a TTY corrupts the JSON-RPC stream). For HTTP, add `--http`, bind all
# interfaces inside the container, set a bearer token (required off loopback), and publish on the host's loopback:
#   docker run --rm -p 127.0.0.1:3001:3001 -e CHECKTRAINING_Http__Url=http://0.0.0.0:3001 \
#     -e CHECKTRAINING_Http__BearerToken=... -e CHECKTRAINING_Http__AllowedHosts=localhost check-training --http

# Build: the AOT compiler needs clang and zlib; the image's architecture decides the RID (linux-x64 or linux-arm64).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/CheckTraining.Mcp -c Release -o /app

# With the Modal CLI. Python's slim image brings the libc, OpenSSL and CA certificates the binary needs.
FROM python:3.12-slim AS modal
# Pinned: the adapter is tested against this CLI's output formats (modal 1.5.x).
RUN pip install --no-cache-dir "modal==1.5.4" \
 && useradd --create-home --uid 1654 app
COPY --from=build /app /app
ENV CHECKTRAINING_Modal__CliPath=/usr/local/bin/modal \
    CHECKTRAINING_Checkpoints__Directory=/home/app/checkpoints
USER app
WORKDIR /home/app
VOLUME /home/app/checkpoints
ENTRYPOINT ["/app/CheckTraining.Mcp"]

# Default: the binary alone. runtime-deps carries libc, OpenSSL and CA certificates, and a non-root `app` user (1654).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS server
COPY --from=build /app /app
ENV CHECKTRAINING_Checkpoints__Directory=/home/app/checkpoints
USER app
WORKDIR /home/app
ENTRYPOINT ["/app/CheckTraining.Mcp"]
