#include "catalog/TenantEnums.h"

#include "pg/PgError.h"
#include "pg/PgResult.h"

#include "base/EnumNames.h"

static constexpr EnumNames<IsolationModel, IsolationModel::Shared> modelNames{"schema", "database", "shared"};
static constexpr EnumNames<TenantState, TenantState::Deleting> stateNames{"provisioning", "active",   "failed",
                                                                          "suspended",    "archived", "deleting"};
static constexpr EnumNames<ShardState, ShardState::Retired> shardStateNames{"active", "draining", "retired"};

QString toString(IsolationModel model)
{
    return modelNames(model);
}

QString toString(TenantState state)
{
    return stateNames(state);
}

QString toString(ShardState state)
{
    return shardStateNames(state);
}

std::optional<IsolationModel> isolationModelFromString(QByteArrayView text)
{
    return modelNames.parse(text);
}

std::optional<TenantState> tenantStateFromString(QByteArrayView text)
{
    return stateNames.parse(text);
}

std::optional<ShardState> shardStateFromString(QByteArrayView text)
{
    return shardStateNames.parse(text);
}

static PgError unknownValue(const char* what, QByteArrayView value)
{
    return PgError(PgError::Kind::Query,
                   QStringLiteral("The catalog holds a %1 this version of TenantDesk does not know: \"%2\".")
                       .arg(QLatin1String(what), QString::fromUtf8(value)));
}

IsolationModel isolationModelAt(const PgResult& r, int row, int column)
{
    const std::optional<IsolationModel> model = isolationModelFromString(r.bytes(row, column));
    if (!model)
        throw unknownValue("tenant isolation model", r.bytes(row, column));
    return *model;
}

TenantState tenantStateAt(const PgResult& r, int row, int column)
{
    const std::optional<TenantState> state = tenantStateFromString(r.bytes(row, column));
    if (!state)
        throw unknownValue("tenant state", r.bytes(row, column));
    return *state;
}

ShardState shardStateAt(const PgResult& r, int row, int column)
{
    const std::optional<ShardState> state = shardStateFromString(r.bytes(row, column));
    if (!state)
        throw unknownValue("shard state", r.bytes(row, column));
    return *state;
}
