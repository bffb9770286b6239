#include "catalog/TenantEnums.h"

#include "pg/PgError.h"
#include "pg/PgResult.h"

#include <array>

static constexpr std::array<const char*, IsolationModelCount> modelNames{"schema", "database", "shared"};
static constexpr std::array<const char*, TenantStateCount> stateNames{"provisioning", "active",   "failed",
                                                                      "suspended",    "archived", "deleting"};
static constexpr std::array<const char*, 3> shardStateNames{"active", "draining", "retired"};

QString toString(IsolationModel model)
{
    return QString::fromLatin1(modelNames[size_t(model)]);
}

QString toString(TenantState state)
{
    return QString::fromLatin1(stateNames[size_t(state)]);
}

QString toString(ShardState state)
{
    return QString::fromLatin1(shardStateNames[size_t(state)]);
}

template <typename Enum, size_t N>
static std::optional<Enum> lookup(const std::array<const char*, N>& names, QByteArrayView text)
{
    for (size_t i = 0; i < N; ++i) {
        if (text == QByteArrayView(names[i]))
            return Enum(i);
    }
    return std::nullopt;
}

std::optional<IsolationModel> isolationModelFromString(QByteArrayView text)
{
    return lookup<IsolationModel>(modelNames, text);
}

std::optional<TenantState> tenantStateFromString(QByteArrayView text)
{
    return lookup<TenantState>(stateNames, text);
}

std::optional<ShardState> shardStateFromString(QByteArrayView text)
{
    return lookup<ShardState>(shardStateNames, text);
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
