#pragma once

#include <QString>
#include <QStringList>

#include <utility>

// `tenantctl shards <action>`: the actions that change shards and endpoints live in
// ShardsCommand.cpp, check and prepare in ShardCheckCommand.cpp.
int runShardsCheck(const QStringList& args);
int runShardsPrepare(const QStringList& args);
// The positional argument of an action on one shard, as --help shows it.
std::pair<QString, QString> shardArgument();
