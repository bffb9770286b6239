#pragma once

#include <QStringList>

// `tenantctl shards <action>`: the actions that change shards and endpoints live in
// ShardsCommand.cpp, check and prepare in ShardCheckCommand.cpp.
int runShardsCheck(const QStringList& args);
int runShardsPrepare(const QStringList& args);
