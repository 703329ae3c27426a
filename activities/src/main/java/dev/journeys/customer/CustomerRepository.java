package dev.journeys.customer;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface CustomerRepository extends ListCrudRepository<Customer, String> {

  /**
   * Locks the customer's row for the rest of the transaction, so that decisions about one customer
   * (consent, caps) are taken one at a time.
   */
  @Query("select id from customer where id = :id for update")
  Optional<String> lockById(String id);
}
