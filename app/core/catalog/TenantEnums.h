#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

enum class IsolationModel : quint8 { Schema, Database, Shared };
enum class TenantState : quint8 { Provisioning, Active, Failed, Suspended, Archived, Deleting };

inline constexpr int IsolationModelCount = 3;
inline constexpr int TenantStateCount = 6;

// The catalog's spelling of each value ('schema', 'active', ...), as in the CHECK constraints.
QString toString(IsolationModel model);
QString toString(TenantState state);
std::optional<IsolationModel> isolationModelFromString(QByteArrayView text);
std::optional<TenantState> tenantStateFromString(QByteArrayView text);
