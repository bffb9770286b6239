#include "TestFleet.h"
