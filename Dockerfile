# Multi-stage build. stdio by default: run with `docker run -i --rm -e WANDB_API_KEY ... check-training` (no -t:
# a TTY corrupts the JSON-RPC stream). For HTTP: add `--http` and publish on loopback only:
#   docker run --rm -p 127.0.0.1:3001:3001 -e CHECKTRAINING_Http__Url=http://0.0.0.0:3001 check-training --http
# The Modal CLI is not in this image; mount one and point CHECKTRAINING_Modal__CliPath at it to use the Modal tools.
# Checkpoints land in /home/app/checkpoints (the non-root user's home): mount a volume there to keep them.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CheckTraining.Mcp/CheckTraining.Mcp.csproj src/CheckTraining.Mcp/
RUN dotnet restore src/CheckTraining.Mcp/CheckTraining.Mcp.csproj
COPY src/ src/
RUN dotnet publish src/CheckTraining.Mcp/CheckTraining.Mcp.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /home/app
COPY --from=build /app /app
ENV DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
USER app
ENTRYPOINT ["dotnet", "/app/CheckTraining.Mcp.dll"]
