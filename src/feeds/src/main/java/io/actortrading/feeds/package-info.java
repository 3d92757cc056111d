package io.actortrading.feeds;
