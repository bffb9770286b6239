#include "catalog/TenantEnums.h"

#include <array>

static constexpr std::array<const char*, IsolationModelCount> modelNames{"schema", "database", "shared"};
static constexpr std::array<const char*, TenantStateCount> stateNames{"provisioning", "active",   "failed",
                                                                       "suspended",    "archived", "deleting"};

QString toString(IsolationModel model)
{
    return QString::fromLatin1(modelNames[size_t(model)]);
}

QString toString(TenantState state)
{
    return QString::fromLatin1(stateNames[size_t(state)]);
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
