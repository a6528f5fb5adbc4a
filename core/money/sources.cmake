# Sources of core/money (paths relative to core/).
