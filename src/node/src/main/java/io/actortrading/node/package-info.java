package io.actortrading.node;
