#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

class PgResult;

enum class IsolationModel : quint8 { Schema, Database, Shared };
enum class TenantState : quint8 { Provisioning, Active, Failed, Suspended, Archived, Deleting };
// A shard takes new tenants only while active; draining keeps its tenants until they move away.
enum class ShardState : quint8 { Active, Draining, Retired };

inline constexpr int IsolationModelCount = 3;
inline constexpr int TenantStateCount = 6;

// The catalog's spelling of each value ('schema', 'active', ...), as in the CHECK constraints.
QString toString(IsolationModel model);
QString toString(TenantState state);
QString toString(ShardState state);
std::optional<IsolationModel> isolationModelFromString(QByteArrayView text);
std::optional<TenantState> tenantStateFromString(QByteArrayView text);
std::optional<ShardState> shardStateFromString(QByteArrayView text);
// The value in a column of a catalog result. Throws PgError(Query) for a value this version of
// TenantDesk does not know.
IsolationModel isolationModelAt(const PgResult& r, int row, int column);
TenantState tenantStateAt(const PgResult& r, int row, int column);
ShardState shardStateAt(const PgResult& r, int row, int column);
