#pragma once

#include "catalog/TenantEnums.h"

#include <QTest>
#include <initializer_list>

// The data of a test function run once per isolation model: the column "model" and a row per
// model, named as the catalog names it.
inline void modelRows(std::initializer_list<IsolationModel> models = {IsolationModel::Schema, IsolationModel::Database,
                                                                      IsolationModel::Shared})
{
    QTest::addColumn<IsolationModel>("model");
    for (IsolationModel model : models)
        QTest::newRow(qPrintable(toString(model))) << model;
}
