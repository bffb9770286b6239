#pragma once

#include "lifecycle/TenantReconciler.h"
#include "ui/common/SessionDialog.h"

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

// Compares the catalog with the shards (TenantReconciler on its own PgSession): Check only
// reports, Repair also fixes what is safe to fix. Every finding shows what it is, what was done
// about it and what is left for a person.
class ReconcileDialog : public SessionDialog {
    Q_OBJECT
public:
    enum Column { KindColumn, ShardColumn, TenantColumn, WhatColumn, DoneColumn, ColumnCount };

    explicit ReconcileDialog(const ConnectionParams& catalog, QWidget* parent = nullptr);

    // dryRun: Check; otherwise Repair.
    void run(bool dryRun);

signals:
    // A repair run finished having changed something: the tenant list is out of date.
    void repaired(int count);
    void finished();

private:
    void showReport(const TenantReconciler::Report& report, bool dryRun);

    QSpinBox* m_stuckMinutes;
    QPushButton* m_check;
    QPushButton* m_repair;
    QTableWidget* m_findings;
    QLabel* m_summary;
};
