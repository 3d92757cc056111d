package io.actortrading.bench;
