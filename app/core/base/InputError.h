#pragma once

#include "base/Failure.h"

// Input TenantDesk refuses itself before anything is sent: CSV, files, options, names, specs.
class InputError : public Failure {
public:
    explicit InputError(QString message)
        : Failure(std::move(message))
    {
    }
};
