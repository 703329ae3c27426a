package dev.journeys.bench.bare;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface BareMailActivity {

  @ActivityMethod(name = "BareSendMail")
  void send(String email);
}
