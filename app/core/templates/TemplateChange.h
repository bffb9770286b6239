#pragma once

#include <QJsonObject>
#include <QString>

// One difference between two template versions, object by object: a table added, a column whose
// type changed, an index dropped. kind is what TemplateStructure calls the object ("table",
// "column", "index", "enum", ...); name is qualified by its table for parts ("orders.total").
struct TemplateChange {
    enum class Change { Added, Removed, Changed };

    Change change = Change::Changed;
    QString kind;
    QString name;
    QString before; // definition in the first version (empty when added)
    QString after;  // definition in the second (empty when removed)

    static QString changeName(Change change)
    {
        switch (change) {
        case Change::Added:
            return QStringLiteral("added");
        case Change::Removed:
            return QStringLiteral("removed");
        case Change::Changed:
            return QStringLiteral("changed");
        }
        return {};
    }
    // "+ column orders.note: text", "- index orders.orders_placed_at",
    // "~ column orders.total: numeric(10,2) -> numeric(12,2)".
    QString text() const
    {
        switch (change) {
        case Change::Added:
            return QStringLiteral("+ %1 %2").arg(kind, name)
                   + (after.isEmpty() ? QString() : QStringLiteral(": ") + after);
        case Change::Removed:
            return QStringLiteral("- %1 %2").arg(kind, name);
        case Change::Changed:
            return QStringLiteral("~ %1 %2: %3 -> %4").arg(kind, name, before, after);
        }
        return {};
    }
    QJsonObject toJson() const
    {
        QJsonObject o{{QStringLiteral("change"), changeName(change)},
                      {QStringLiteral("kind"), kind},
                      {QStringLiteral("name"), name}};
        if (!before.isEmpty())
            o.insert(QStringLiteral("before"), before);
        if (!after.isEmpty())
            o.insert(QStringLiteral("after"), after);
        return o;
    }
};
