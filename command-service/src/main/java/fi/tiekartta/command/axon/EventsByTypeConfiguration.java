package fi.tiekartta.command.axon;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes {@code @Aggregate(filterEventsByType = true)} take effect. The event store holds streams of several
 * aggregate types (projects, reporting rounds) and reads a stream by its id alone; with the filter an aggregate
 * is rebuilt only from events of its own type, so an id of another kind of stream is an unknown aggregate (404)
 * rather than another aggregate's history replayed into this one (Axon's IncompatibleAggregateException, a 500).
 * Axon 4.13's Spring Boot registration ({@code SpringAggregateLookup}) copies cache, repository and the like from the
 * annotation onto each aggregate's {@link SpringAggregateConfigurer} but not {@code filterEventsByType}; this copies
 * it, before Axon builds the repositories from those configurers.
 */
@Configuration(proxyBeanMethods = false)
public class EventsByTypeConfiguration {

    @Bean
    public static BeanPostProcessor filterEventsByTypeAsAnnotated(ConfigurableListableBeanFactory beans) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof SpringAggregateConfigurer<?> configurer && beans.containsBeanDefinition(name)) {
                    Aggregate annotation = aggregateClass(beans.getBeanDefinition(name)) instanceof Class<?> type
                            ? type.getAnnotation(Aggregate.class) : null;
                    if (annotation != null && annotation.filterEventsByType()) {
                        configurer.setFilterEventsByType(true);
                    }
                }
                return bean;
            }
        };
    }

    /** The aggregate class: the configurer's first constructor argument, as Axon's registration passes it. */
    private static Object aggregateClass(BeanDefinition definition) {
        ValueHolder first = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
        if (first == null) {
            first = definition.getConstructorArgumentValues().getGenericArgumentValue(Class.class);
        }
        return first == null ? null : first.getValue();
    }
}
