#pragma once

#include <QStringList>

// The admin actions of `tenantctl tenants <action> ...`, routed here by TenantsCommand.cpp. Each
// receives the arguments after the action word and returns the exit code (0 ok, 1 failure on
// stderr, 2 bad usage). They call the same core classes the GUI runs on its workers.
//
//   tenants create <slug> --name NAME [--model schema|database|shared] [--shard NAME|auto]
//                  [--template NAME] [--version N] [--domain D]... [--plan]
//   tenants suspend|resume <slug> [--reason TEXT]
//   tenants edit <slug> [--name NAME] [--domains D,D,...]
//   tenants archive <slug> --to FILE-OR-DIR [--reason TEXT]
//   tenants delete <slug> --confirm <slug> [--retain 0|30m|12h|7d] [--reason TEXT]
//   tenants batch <file.csv> [--stop-after N]
//   tenants upgrade --template NAME --model M --to N [--tenants SLUG,...] | tenants versions
int runTenantsCreate(const QStringList& args);
int runTenantsSuspend(const QStringList& args);
int runTenantsResume(const QStringList& args);
int runTenantsEdit(const QStringList& args);
int runTenantsArchive(const QStringList& args);
int runTenantsDelete(const QStringList& args);
int runTenantsBatch(const QStringList& args);
int runTenantsUpgrade(const QStringList& args);
int runTenantsVersions(const QStringList& args);
